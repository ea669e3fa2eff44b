package io.assistantsync.api.assistant;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;

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

	private static final String NEWEST_FIRST = """
			SELECT version, change, changed_fields, changed_by, changed_at FROM assistant_versions
			WHERE assistant_id = :assistantId AND version < :before
			ORDER BY version DESC LIMIT :limit
			""";

	private final JdbcClient jdbc;

	AssistantVersions(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
