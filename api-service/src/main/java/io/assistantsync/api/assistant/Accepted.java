package io.assistantsync.api.assistant;

import io.assistantsync.common.json.EventJson;

/**
 * The answer to an accepted write (a create, update or delete), as sent and as stored with its Idempotency-Key.
 *
 * @param status the HTTP status
 * @param assistantId the assistant's id, for {@code Location}
 * @param version the assistant's version after the write, for {@code ETag}
 * @param body the resource JSON, byte for byte the same on a replay
 */
record Accepted(int status, String assistantId, long version, String body) {

	/**
	 * A stored answer; its version is the resource's in the body.
	 */
	static Accepted stored(int status, String assistantId, String body) {
		long version = EventJson.mapper().readTree(body).path("version").asLong();
		return new Accepted(status, assistantId, version, body);
	}

	/**
	 * The {@code ETag} of the answer.
	 * @return {@code "<version>"}
	 */
	String entityTag() {
		return IfMatch.entityTag(this.version);
	}

}
