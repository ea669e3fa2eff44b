package io.assistantsync.api.assistant;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.assistantsync.api.assistant.AssistantResource.LastError;
import io.assistantsync.api.assistant.AssistantResource.Sync;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.Visibility;

/**
 * The {@code assistants} table: the only code that reads or writes it.
 */
@Repository
public class AssistantStore {

	private static final String COLUMNS = """
			id, owner_id, name, emoji, description, category, tags, instructions, visibility, version, created_at,
			updated_at, sync_status, sync_event_id, sync_attempts, last_error_type, last_error_message,
			last_attempt_at, synced_at, deleted_at
			""";

	private static final String INSERT = """
			INSERT INTO assistants (id, owner_id, name, emoji, description, category, tags, instructions, visibility,
			    version, created_at, updated_at, sync_status, sync_event_id, sync_attempts, sync_requested_at)
			VALUES (:id, :ownerId, :name, :emoji, :description, :category, :tags, :instructions, :visibility,
			    :version, :createdAt, :updatedAt, 'PENDING', :syncEventId, 0, :createdAt)
			""";

	/* the same row as INSERT, once per assistant of a group, in one statement */
	private static final String INSERT_ALL = """
			INSERT INTO assistants (id, owner_id, name, emoji, description, category, tags, instructions, visibility,
			    version, created_at, updated_at, sync_status, sync_event_id, sync_attempts, sync_requested_at)
			VALUES %s
			""";

	private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, 0, ?)";

	private static final String FIND_ANY = "SELECT " + COLUMNS
			+ " FROM assistants WHERE id = :id AND owner_id = :ownerId";

	private static final String FIND = FIND_ANY + " AND deleted_at IS NULL";

	private static final String FIND_FOR_UPDATE = FIND_ANY + " FOR UPDATE";

	private static final String CURRENT_SYNC_EVENT = "SELECT sync_event_id FROM assistants WHERE id = :id";

	/* A new version: the content, and the sync state of its change event, which starts again. */
	private static final String UPDATE = """
			UPDATE assistants
			SET name = :name, emoji = :emoji, description = :description, category = :category, tags = :tags,
			    instructions = :instructions, visibility = :visibility, version = :version, updated_at = :updatedAt,
			    sync_status = 'PENDING', sync_event_id = :syncEventId, sync_attempts = 0, last_error_type = NULL,
			    last_error_message = NULL, last_attempt_at = NULL, synced_at = NULL, sync_requested_at = :updatedAt
			WHERE id = :id
			""";

	/* The content stays, for the history and a re-sync; deleted_at hides the row from reads and writes. */
	private static final String MARK_DELETED = """
			UPDATE assistants
			SET deleted_at = :deletedAt, version = :version, updated_at = :deletedAt,
			    sync_status = 'PENDING', sync_event_id = :syncEventId, sync_attempts = 0, last_error_type = NULL,
			    last_error_message = NULL, last_attempt_at = NULL, synced_at = NULL, sync_requested_at = :deletedAt
			WHERE id = :id
			""";

	private static final String RESTART_SYNC = """
			UPDATE assistants
			SET sync_status = 'PENDING', sync_event_id = :syncEventId, sync_attempts = 0, last_error_type = NULL,
			    last_error_message = NULL, last_attempt_at = NULL, synced_at = NULL, sync_requested_at = :requestedAt
			WHERE id = :id
			""";

	/*
	 * Stale: PENDING, its event written and its last attempt (if any) before the cutoff, and no outbox row left,
	 * so the event was published and no final result came back. The outbox table is only read here, to make
	 * this one statement that a batch can be claimed with.
	 */
	private static final String STALE = """
			sync_status = 'PENDING' AND sync_requested_at < :cutoff
			    AND (last_attempt_at IS NULL OR last_attempt_at < :cutoff)
			    AND NOT EXISTS (SELECT 1 FROM outbox WHERE outbox.aggregate_id = assistants.id)
			""";

	private static final String CLAIM_STALE = "SELECT " + COLUMNS + " FROM assistants WHERE " + STALE
			+ " ORDER BY sync_requested_at LIMIT :limit FOR UPDATE SKIP LOCKED";

	private static final String IS_STALE = "SELECT count(*) FROM assistants WHERE id = :id AND " + STALE;

	private static final String COUNT_STALE = "SELECT count(*) FROM assistants WHERE " + STALE;

	/* a deleted assistant counts until its delete reached the authoritative store */
	private static final String COUNT_BY_STATUS = """
			SELECT sync_status, count(*) AS n FROM assistants
			WHERE deleted_at IS NULL OR sync_status <> 'SYNCED'
			GROUP BY sync_status
			""";

	private static final String PAGE = "SELECT " + COLUMNS
			+ " FROM assistants WHERE owner_id = :ownerId AND deleted_at IS NULL";

	private static final String WITH_STATUS = " AND sync_status = :status";

	private static final String AFTER_CURSOR = " AND (created_at, id) < (:afterCreatedAt, :afterId)";

	private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC LIMIT :limit";

	private final JdbcClient jdbc;

	private final JdbcTemplate rows;

	AssistantStore(JdbcClient jdbc, JdbcTemplate rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	void insert(AssistantResource assistant, String syncEventId) {
		insert(this.jdbc, assistant.snapshot(), syncEventId).update();
	}

	/**
	 * Stores the new, PENDING assistants of a group of creates with one statement, each on its pending-create
	 * event; the values are bound by type, so no parameter type is looked up.
	 * @param creations the creates
	 */
	void insertAll(List<Creation> creations) {
		String sql = INSERT_ALL.formatted(String.join(", ", Collections.nCopies(creations.size(), INSERT_ROW)));
		this.rows.update(sql, (statement) -> {
			int i = 1;
			for (Creation creation : creations) {
				AssistantResource assistant = creation.assistant();
				Timestamp createdAt = Timestamp.from(assistant.createdAt());
				statement.setString(i++, assistant.id());
				statement.setString(i++, assistant.ownerId());
				statement.setString(i++, assistant.name());
				statement.setString(i++, assistant.emoji());
				statement.setString(i++, assistant.description());
				statement.setString(i++, assistant.category());
				statement.setObject(i++, assistant.tags().toArray(String[]::new));
				statement.setString(i++, assistant.instructions());
				statement.setString(i++, assistant.visibility().name());
				statement.setLong(i++, assistant.version());
				statement.setTimestamp(i++, createdAt);
				statement.setTimestamp(i++, Timestamp.from(assistant.updatedAt()));
				statement.setString(i++, creation.eventId());
				statement.setTimestamp(i++, createdAt);
			}
		});
	}

	/**
	 * The statement that stores a new, PENDING assistant, bound; public for the benchmark, which measures this
	 * very statement.
	 * @param jdbc where to run it
	 * @param assistant the assistant
	 * @param syncEventId its pending-create event
	 * @return the statement, ready to {@code update()}
	 */
	public static JdbcClient.StatementSpec insert(JdbcClient jdbc, AssistantSnapshot assistant, String syncEventId) {
		return withVersion(jdbc.sql(INSERT), assistant)
			.param("ownerId", assistant.ownerId())
			.param("createdAt", Timestamp.from(assistant.createdAt()))
			.param("syncEventId", syncEventId);
	}

	/**
	 * Binds what every version of an assistant has: its id, editable fields, version and {@code updatedAt}.
	 */
	private static JdbcClient.StatementSpec withVersion(JdbcClient.StatementSpec statement, AssistantSnapshot assistant) {
		return statement.param("id", assistant.id())
			.param("name", assistant.name())
			.param("emoji", assistant.emoji())
			.param("description", assistant.description())
			.param("category", assistant.category())
			.param("tags", assistant.tags().toArray(String[]::new))
			.param("instructions", assistant.instructions())
			.param("visibility", assistant.visibility().name())
			.param("version", assistant.version())
			.param("updatedAt", Timestamp.from(assistant.updatedAt()));
	}

	/**
	 * Reads one of an owner's live assistants; another owner's, and a deleted one, is not found.
	 */
	Optional<TrackedAssistant> find(String ownerId, String id) {
		return this.jdbc.sql(FIND).param("id", id).param("ownerId", ownerId).query(AssistantStore::tracked).optional();
	}

	/**
	 * Reads one of an owner's assistants, deleted or not.
	 */
	Optional<TrackedAssistant> findAny(String ownerId, String id) {
		return this.jdbc.sql(FIND_ANY)
			.param("id", id)
			.param("ownerId", ownerId)
			.query(AssistantStore::tracked)
			.optional();
	}

	/**
	 * The change event whose results currently count for an assistant, deleted or not.
	 */
	Optional<String> currentSyncEventId(String id) {
		return this.jdbc.sql(CURRENT_SYNC_EVENT).param("id", id).query(String.class).optional();
	}

	/**
	 * Reads an assistant, deleted or not, and locks its row until the transaction ends, so that concurrent
	 * writes, re-syncs and sync results serialize on it.
	 */
	Optional<TrackedAssistant> findForUpdate(String ownerId, String id) {
		return this.jdbc.sql(FIND_FOR_UPDATE)
			.param("id", id)
			.param("ownerId", ownerId)
			.query(AssistantStore::tracked)
			.optional();
	}

	/**
	 * Stores a new version of an assistant, PENDING on its change event.
	 * @param assistant the assistant at the new version
	 * @param syncEventId the update event
	 */
	void update(AssistantResource assistant, String syncEventId) {
		withVersion(this.jdbc.sql(UPDATE), assistant.snapshot()).param("syncEventId", syncEventId).update();
	}

	/**
	 * Marks an assistant deleted at a new version, PENDING on its delete event.
	 */
	void markDeleted(String id, long version, Instant deletedAt, String syncEventId) {
		this.jdbc.sql(MARK_DELETED)
			.param("id", id)
			.param("version", version)
			.param("deletedAt", Timestamp.from(deletedAt))
			.param("syncEventId", syncEventId)
			.update();
	}

	/**
	 * Makes the assistant PENDING on a new change event of its latest version, with the sync state of that event: no
	 * attempts, no error yet.
	 */
	void restartSync(String id, String syncEventId, Instant requestedAt) {
		this.jdbc.sql(RESTART_SYNC)
			.param("id", id)
			.param("syncEventId", syncEventId)
			.param("requestedAt", Timestamp.from(requestedAt))
			.update();
	}

	/**
	 * Claims up to {@code limit} stale assistants, oldest request first, skipping rows another transaction
	 * holds; they stay locked until the caller's transaction ends.
	 * @param cutoff assistants requested and last attempted before this are stale
	 * @param limit the most rows
	 */
	List<TrackedAssistant> claimStale(Instant cutoff, int limit) {
		return this.jdbc.sql(CLAIM_STALE)
			.param("cutoff", Timestamp.from(cutoff))
			.param("limit", limit)
			.query(AssistantStore::tracked)
			.list();
	}

	boolean isStale(String id, Instant cutoff) {
		return this.jdbc.sql(IS_STALE)
			.param("id", id)
			.param("cutoff", Timestamp.from(cutoff))
			.query(Long.class)
			.single() > 0;
	}

	long countStale(Instant cutoff) {
		return this.jdbc.sql(COUNT_STALE).param("cutoff", Timestamp.from(cutoff)).query(Long.class).single();
	}

	/**
	 * How many assistants have each sync status.
	 * @return every status, in declaration order, with its count (0 when none has it)
	 */
	Map<SyncStatus, Long> countBySyncStatus() {
		Map<SyncStatus, Long> counts = new EnumMap<>(SyncStatus.class);
		for (SyncStatus status : SyncStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.sql(COUNT_BY_STATUS)
			.query((rs) -> {
				counts.put(SyncStatus.valueOf(rs.getString("sync_status")), rs.getLong("n"));
			});
		return counts;
	}

	/**
	 * One page of an owner's assistants, newest first.
	 * @param ownerId the owner
	 * @param status only this status, or {@code null} for all
	 * @param after the position after which the page starts, or {@code null} for the first page
	 * @param limit the most rows
	 */
	List<AssistantResource> page(String ownerId, SyncStatus status, AssistantCursor after, int limit) {
		StringBuilder sql = new StringBuilder(PAGE);
		if (status != null) {
			sql.append(WITH_STATUS);
		}
		if (after != null) {
			sql.append(AFTER_CURSOR);
		}
		sql.append(NEWEST_FIRST);
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql.toString())
			.param("ownerId", ownerId)
			.param("limit", limit);
		if (status != null) {
			statement = statement.param("status", status.name());
		}
		if (after != null) {
			statement = statement.param("afterCreatedAt", Timestamp.from(after.createdAt()))
				.param("afterId", after.id());
		}
		return statement.query((rs, row) -> tracked(rs, row).resource()).list();
	}

	private static TrackedAssistant tracked(ResultSet rs, int row) throws SQLException {
		String errorType = rs.getString("last_error_type");
		LastError lastError = (errorType != null) ? new LastError(errorType, rs.getString("last_error_message"))
				: null;
		Sync sync = new Sync(SyncStatus.valueOf(rs.getString("sync_status")), rs.getInt("sync_attempts"), lastError,
				instant(rs, "last_attempt_at"), instant(rs, "synced_at"));
		AssistantResource resource = new AssistantResource(rs.getString("id"), rs.getString("owner_id"),
				rs.getString("name"),
				rs.getString("emoji"), rs.getString("description"), rs.getString("category"), tags(rs.getArray("tags")),
				rs.getString("instructions"), Visibility.valueOf(rs.getString("visibility")), rs.getLong("version"),
				instant(rs, "created_at"), instant(rs, "updated_at"), sync);
		return new TrackedAssistant(resource, rs.getString("sync_event_id"), rs.getTimestamp("deleted_at") != null);
	}

	private static List<String> tags(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
