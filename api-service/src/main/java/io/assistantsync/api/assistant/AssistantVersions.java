package io.assistantsync.api.assistant;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code assistant_versions} table: one row per version of an assistant, written in the transaction that
 * makes the version.
 */
@Repository
class AssistantVersions {

	private static final String INSERT = """
			INSERT INTO assistant_versions (assistant_id, version, change, changed_fields, changed_by, changed_at)
			VALUES (:assistantId, :version, :change, :changedFields, :changedBy, :changedAt)
			""";

	private static final String INSERT_CREATED = """
			INSERT INTO assistant_versions (assistant_id, version, change, changed_fields, changed_by, changed_at)
			VALUES %s
			""";

	private static final String CREATED_ROW = "(?, 1, 'CREATED', ?, ?, ?)";

	private static final String NEWEST_FIRST = """
			SELECT version, change, changed_fields, changed_by, changed_at FROM assistant_versions
			WHERE assistant_id = :assistantId AND version < :before
			ORDER BY version DESC LIMIT :limit
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate rows;

	AssistantVersions(JdbcClient jdbc, JdbcTemplate rows) {
		this.jdbc = jdbc;
		this.rows = rows;
	}

	/**
	 * Records version 1 of each assistant of a group of creates, with one statement.
	 * @param creations the creates
	 */
	void recordCreated(List<Creation> creations) {
		String sql = INSERT_CREATED.formatted(String.join(", ", Collections.nCopies(creations.size(), CREATED_ROW)));
		this.rows.update(sql, (statement) -> {
			int i = 1;
			for (Creation creation : creations) {
				statement.setString(i++, creation.assistant().id());
				statement.setObject(i++, creation.setFields().toArray(String[]::new));
				statement.setString(i++, creation.ownerId());
				statement.setTimestamp(i++, Timestamp.from(creation.assistant().createdAt()));
			}
		});
	}

	void record(String assistantId, AssistantVersion version) {
		this.jdbc.sql(INSERT)
			.param("assistantId", assistantId)
			.param("version", version.version())
			.param("change", version.change().name())
			.param("changedFields", version.changedFields().toArray(String[]::new))
			.param("changedBy", version.by())
			.param("changedAt", Timestamp.from(version.at()))
			.update();
	}

	/**
	 * Versions of an assistant below a version, newest first.
	 * @param assistantId the assistant
	 * @param before only versions lower than this
	 * @param limit the most rows
	 */
	List<AssistantVersion> newestFirst(String assistantId, long before, int limit) {
		return this.jdbc.sql(NEWEST_FIRST)
			.param("assistantId", assistantId)
			.param("before", before)
			.param("limit", limit)
			.query((rs, row) -> new AssistantVersion(rs.getLong("version"),
					VersionChange.valueOf(rs.getString("change")), fields(rs.getArray("changed_fields")),
					rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant()))
			.list();
	}

	private static List<String> fields(Array array) throws SQLException {
		return (array != null) ? Arrays.asList((String[]) array.getArray()) : List.of();
	}

}
