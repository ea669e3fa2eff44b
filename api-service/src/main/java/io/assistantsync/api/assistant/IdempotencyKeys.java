package io.assistantsync.api.assistant;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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

	/*
	 * A group's keys, each with its answer: the group's transaction is the request's, so nobody sees the answer
	 * before the assistant it names is committed. A key another live request holds is left alone and not returned.
	 */
	private static final String CLAIM_ALL = """
			INSERT INTO idempotency_keys (owner_id, idempotency_key, request_hash, created_at, assistant_id,
			    response_status, response_body)
			VALUES %s
			ON CONFLICT (owner_id, idempotency_key) DO UPDATE
			SET request_hash = EXCLUDED.request_hash, created_at = EXCLUDED.created_at,
			    assistant_id = EXCLUDED.assistant_id, response_status = EXCLUDED.response_status,
			    response_body = EXCLUDED.response_body
			WHERE idempotency_keys.created_at < ?
			RETURNING owner_id, idempotency_key
			""";

	private static final String CLAIM_ROW = "(?, ?, ?, ?, ?, ?, ?)";

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

	private final JdbcTemplate rows;

	IdempotencyKeys(JdbcClient jdbc, JdbcTemplate rows) {
		this.jdbc = jdbc;
		this.rows = rows;
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

	/**
	 * Claims the keys of several creates, each with its answer, in the order given; see
	 * {@link IdempotentRequests#claimAll(List, Instant)}.
	 * @return the keys claimed
	 */
	Set<OwnedKey> claimAll(List<Creation> creations, Instant expiredBefore) {
		String sql = CLAIM_ALL.formatted(String.join(", ", Collections.nCopies(creations.size(), CLAIM_ROW)));
		Set<OwnedKey> claimed = new HashSet<>();
		this.rows.query(sql, (statement) -> {
			int i = 1;
			for (Creation creation : creations) {
				statement.setString(i++, creation.ownerId());
				statement.setString(i++, creation.idempotencyKey());
				statement.setString(i++, creation.fingerprint());
				statement.setTimestamp(i++, Timestamp.from(creation.assistant().createdAt()));
				statement.setString(i++, creation.assistant().id());
				statement.setInt(i++, creation.answer().status());
				statement.setString(i++, creation.answer().body());
			}
			statement.setTimestamp(i, Timestamp.from(expiredBefore));
		}, (RowCallbackHandler) (rs) -> claimed.add(new OwnedKey(rs.getString(1), rs.getString(2))));
		return claimed;
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
	 * An Idempotency-Key with its owner: keys are unique per owner.
	 *
	 * @param ownerId the owner
	 * @param key the key
	 */
	record OwnedKey(String ownerId, String key) implements Comparable<OwnedKey> {

		@Override
		public int compareTo(OwnedKey other) {
			int byOwner = this.ownerId.compareTo(other.ownerId);
			return (byOwner != 0) ? byOwner : this.key.compareTo(other.key);
		}

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
