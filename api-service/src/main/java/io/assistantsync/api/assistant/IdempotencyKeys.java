package io.assistantsync.api.assistant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table. A key is claimed by inserting it in the transaction that creates
 * the assistant: a concurrent request with the same key waits on the primary key until that transaction
 * ends, then finds the stored answer (or claims the key itself if the first one rolled back).
 */
@Repository
class IdempotencyKeys {

	/** Inserts a new key, or takes over an expired one that the cleanup has not deleted yet. */
	private static final String CLAIM = """
			INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, created_at)
			VALUES (:owner, :key, :hash, :now)
			ON CONFLICT (owner_id, idempotency_key) DO UPDATE
			SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at, assistant_id = NULL,
			    response_status = NULL, response_body = NULL
			WHERE idempotency_keys.created_at < :expiredBefore
			""";

	private static final String FIND = """
			SELECT request_hash, assistant_id, response_status, response_body
			FROM idempotency_keys WHERE owner_id = :owner AND idempotency_key = :key
			""";

	private static final String COMPLETE = """
			UPDATE idempotency_keys SET assistant_id = :assistantId, response_status = :status, response_body = :body
			WHERE owner_id = :owner AND idempotency_key = :key
			""";

	private static final String DELETE_EXPIRED = """
			DELETE FROM idempotency_keys WHERE (owner_id, idempotency_key) IN (
			    SELECT owner_id, idempotency_key FROM idempotency_keys WHERE created_at < :expiredBefore
			    LIMIT :batchSize FOR UPDATE SKIP LOCKED)
			""";

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims an owner's key for this transaction; blocks while another open transaction holds it. Keys are
	 * per owner: the same key from two owners names two requests.
	 * @return {@code true} when this request owns the key, {@code false} when an earlier one does
	 */
	boolean claim(String owner, String key, String requestHash, Instant now, Instant expiredBefore) {
		return this.jdbc.sql(CLAIM)
			.param("owner", owner)
			.param("key", key)
			.param("hash", requestHash)
			.param("now", Timestamp.from(now))
			.param("expiredBefore", Timestamp.from(expiredBefore))
			.update() == 1;
	}

	Optional<StoredResponse> find(String owner, String key) {
		return this.jdbc.sql(FIND)
			.param("owner", owner)
			.param("key", key)
			.query((rs, row) -> new StoredResponse(rs.getString("request_hash"), rs.getString("assistant_id"),
					(Integer) rs.getObject("response_status"), rs.getString("response_body")))
			.optional();
	}

	void complete(String owner, String key, String assistantId, int status, String body) {
		this.jdbc.sql(COMPLETE)
			.param("owner", owner)
			.param("key", key)
			.param("assistantId", assistantId)
			.param("status", status)
			.param("body", body)
			.update();
	}

	/**
	 * Deletes up to one batch of expired keys.
	 * @return how many were deleted
	 */
	int deleteExpired(Instant expiredBefore, int batchSize) {
		return this.jdbc.sql(DELETE_EXPIRED)
			.param("expiredBefore", Timestamp.from(expiredBefore))
			.param("batchSize", batchSize)
			.update();
	}

	/**
	 * The first answer given for a key.
	 *
	 * @param requestHash fingerprint of the first request
	 * @param assistantId the assistant it created
	 * @param status the HTTP status, or {@code null} while the first request is still in flight
	 * @param body the response body
	 */
	record StoredResponse(String requestHash, String assistantId, Integer status, String body) {
	}

}
