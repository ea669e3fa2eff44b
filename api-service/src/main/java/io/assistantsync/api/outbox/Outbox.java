package io.assistantsync.api.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.assistantsync.common.json.EventJson;

/**
 * The outbox table: events written in the same local transaction as the change they announce, kept until
 * Kafka acknowledges them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so relays of several
 * instances never send the same row at the same time.
 */
@Component
public class Outbox {

	private static final String INSERT = """
			INSERT INTO outbox (aggregate_id, event_id, topic, record_key, headers, payload, created_at)
			VALUES (:aggregateId, :eventId, :topic, :key, CAST(:headers AS json), :payload, :createdAt)
			""";

	private static final String INSERT_ALL = """
			INSERT INTO outbox (aggregate_id, event_id, topic, record_key, headers, payload, created_at)
			VALUES %s
			""";

	private static final String INSERT_ROW = "(?, ?, ?, ?, CAST(? AS json), ?, ?)";

	private static final String CLAIM_DUE = """
			SELECT id, event_id, topic, record_key, headers::text AS headers, payload
			FROM outbox
			ORDER BY id
			LIMIT :limit
			FOR UPDATE SKIP LOCKED
			""";

	private static final String DELETE = "DELETE FROM outbox WHERE id IN (:ids)";

	private static final String RECORD_FAILURE = """
			UPDATE outbox SET attempts = attempts + 1, last_error = :error, last_attempt_at = :at
			WHERE id IN (:ids)
			""";

	private static final String BACKLOG = "SELECT count(*) AS backlog, min(created_at) AS oldest FROM outbox";

	private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JdbcTemplate rows;

	private final OutboxSignal signal;

	private final Clock clock;

	Outbox(JdbcClient jdbc, JdbcTemplate rows, OutboxSignal signal, Clock clock) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.signal = signal;
		this.clock = clock;
	}

	/**
	 * Adds a record to the current transaction; the relay is woken once the transaction commits.
	 * @param message the record
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void append(OutboxMessage message) {
		insert(this.jdbc, message, this.clock.instant()).update();
		raiseAfterCommit();
	}

	/**
	 * Adds several records to the current transaction with one statement, in the order given; the relay is woken
	 * once the transaction commits.
	 * @param messages the records
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void appendAll(List<OutboxMessage> messages) {
		String sql = INSERT_ALL.formatted(String.join(", ", Collections.nCopies(messages.size(), INSERT_ROW)));
		Timestamp createdAt = Timestamp.from(this.clock.instant());
		this.rows.update(sql, (statement) -> {
			int i = 1;
			for (OutboxMessage message : messages) {
				statement.setString(i++, message.aggregateId());
				statement.setString(i++, message.eventId());
				statement.setString(i++, message.topic());
				statement.setString(i++, message.key());
				statement.setString(i++, EventJson.mapper().writeValueAsString(message.headers()));
				statement.setBytes(i++, message.payload());
				statement.setTimestamp(i++, createdAt);
			}
		});
		raiseAfterCommit();
	}

	private void raiseAfterCommit() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Outbox.this.signal.raise();
			}
		});
	}

	/**
	 * The statement that appends a message, bound; public for the benchmark, which measures this very
	 * statement.
	 * @param jdbc where to run it
	 * @param message the message
	 * @param createdAt when it was appended
	 * @return the statement, ready to {@code update()}
	 */
	public static JdbcClient.StatementSpec insert(JdbcClient jdbc, OutboxMessage message, Instant createdAt) {
		return jdbc.sql(INSERT)
			.param("aggregateId", message.aggregateId())
			.param("eventId", message.eventId())
			.param("topic", message.topic())
			.param("key", message.key())
			.param("headers", EventJson.mapper().writeValueAsString(message.headers()))
			.param("payload", message.payload())
			.param("createdAt", Timestamp.from(createdAt));
	}

	/**
	 * What waits to be published, for the status endpoint and the gauges.
	 * @return the backlog
	 */
	public OutboxBacklog backlog() {
		return this.jdbc.sql(BACKLOG).query((rs, row) -> {
			Timestamp oldest = rs.getTimestamp("oldest");
			Duration age = (oldest != null) ? Duration.between(oldest.toInstant(), this.clock.instant())
					: Duration.ZERO;
			return new OutboxBacklog(rs.getLong("backlog"), age.isNegative() ? Duration.ZERO : age);
		}).single();
	}

	/**
	 * Claims the oldest rows no other transaction holds; they stay locked until the caller's transaction
	 * ends.
	 * @param limit the most rows to claim
	 * @return the claimed rows, oldest first
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<OutboxEntry> claimDue(int limit) {
		return this.jdbc.sql(CLAIM_DUE).param("limit", limit).query(Outbox::entry).list();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void markPublished(List<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql(DELETE).param("ids", ids).update();
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void recordFailure(List<Long> ids, String error, Instant at) {
		if (!ids.isEmpty()) {
			this.jdbc.sql(RECORD_FAILURE)
				.param("ids", ids)
				.param("error", error)
				.param("at", Timestamp.from(at))
				.update();
		}
	}

	private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
		Map<String, String> headers = EventJson.mapper().readValue(rs.getString("headers"), HEADERS);
		return new OutboxEntry(rs.getLong("id"), rs.getString("event_id"), rs.getString("topic"),
				rs.getString("record_key"), headers, rs.getBytes("payload"));
	}

}
