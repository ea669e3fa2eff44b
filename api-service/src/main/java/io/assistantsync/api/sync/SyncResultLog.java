package io.assistantsync.api.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.assistantsync.common.event.SyncResultStatus;

/**
 * The {@code sync_results} table: every sync result received, once per event id, in order of first
 * receipt. It is the audit trail and what a reconnecting stream replays.
 */
@Repository
class SyncResultLog {

	private static final String INSERT = """
			INSERT INTO sync_results (event_id, assistant_id, source_event_id, version, status, attempt, payload,
			    received_at)
			VALUES (:eventId, :assistantId, :sourceEventId, :version, :status, :attempt, :payload, :receivedAt)
			ON CONFLICT (event_id) DO NOTHING
			""";

	private static final String OF_ASSISTANT = """
			SELECT event_id, source_event_id, status, payload FROM sync_results
			WHERE assistant_id = :assistantId ORDER BY seq
			""";

	private static final String OF_VERSIONS = """
			SELECT version, payload FROM sync_results
			WHERE assistant_id = :assistantId AND version IN (:versions) ORDER BY seq DESC
			""";

	private final JdbcClient jdbc;

	SyncResultLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a result unless it was recorded before.
	 * @return {@code true} the first time, {@code false} for a duplicate
	 */
	boolean append(ReceivedSyncResult result, Instant receivedAt) {
		return this.jdbc.sql(INSERT)
			.param("eventId", result.eventId())
			.param("assistantId", result.assistantId())
			.param("sourceEventId", result.outcome().sourceEventId())
			.param("version", result.outcome().version())
			.param("status", result.outcome().status().name())
			.param("attempt", result.outcome().attempt())
			.param("payload", result.json())
			.param("receivedAt", Timestamp.from(receivedAt))
			.update() == 1;
	}

	/**
	 * The results of some versions of an assistant, newest first.
	 * @param assistantId the assistant
	 * @param versions the versions, at least one
	 * @return per result its version and its JSON as received
	 */
	List<VersionedResult> ofVersions(String assistantId, Collection<Long> versions) {
		return this.jdbc.sql(OF_VERSIONS)
			.param("assistantId", assistantId)
			.param("versions", versions)
			.query((rs, row) -> new VersionedResult(rs.getLong("version"), rs.getString("payload")))
			.list();
	}

	/**
	 * Every result of an assistant, in order of receipt.
	 */
	List<StreamedSyncResult> ofAssistant(String assistantId) {
		return this.jdbc.sql(OF_ASSISTANT)
			.param("assistantId", assistantId)
			.query((rs, row) -> new StreamedSyncResult(rs.getString("event_id"), rs.getString("source_event_id"),
					SyncResultStatus.valueOf(rs.getString("status")), rs.getString("payload")))
			.list();
	}

	/**
	 * A recorded result of a version.
	 *
	 * @param version the version it is about
	 * @param json the result as received
	 */
	record VersionedResult(long version, String json) {
	}

}
