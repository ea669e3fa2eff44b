package io.assistantsync.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.assistantsync.common.kafka.EventTypes;

/**
 * One dead-letter replay run, dry or not, from either entry point; wire type
 * {@value EventTypes#DLT_REPLAY_V1} on the ops-audit topic.
 *
 * @param eventId the audit event's id, printed by the command line
 * @param occurredAt when the run finished
 * @param by who ran it, in one string: the JWT's subject for an admin API call with a JWT, {@code admin-api}
 * for a call with the static ops token, {@code cli:<OS user>} for the command line
 * @param actor who ran it, in parts (kept alongside {@code by} for consumers that read it)
 * @param filters which dead letters it selected
 * @param dryRun whether it only reported what it would do
 * @param fromBeginning whether it ignored what earlier replays took
 * @param force whether it overrode the replay loop guard
 * @param replayed how many records it republished (or would have, when dry)
 * @param skipped how many matching records it left alone
 * @param skippedByReason the skipped records counted by reason
 */
public record DeadLetterReplayAudited(String eventId, Instant occurredAt, String by, Actor actor, Filters filters,
		boolean dryRun, boolean fromBeginning, boolean force, int replayed, int skipped,
		Map<String, Integer> skippedByReason) {

	/**
	 * Who ran a replay.
	 *
	 * @param kind {@code cli} or {@code admin-api}
	 * @param name the OS user for the command line; for HTTP the JWT's subject, or {@code admin-api} for the
	 * static ops token
	 * @param tokenFingerprint the first hex digits of the SHA-256 of the static ops token (HTTP with that token
	 * only)
	 */
	public record Actor(String kind, String name, String tokenFingerprint) {
	}

	/**
	 * The filters of a replay run; {@code null} means "not filtered by this".
	 *
	 * @param assistantIds only these assistants (empty: all)
	 * @param since dead-lettered at or after
	 * @param until dead-lettered before
	 * @param exceptionType the exception's fully qualified or simple class name
	 * @param limit at most this many records
	 */
	public record Filters(List<String> assistantIds, Instant since, Instant until, String exceptionType,
			Integer limit) {
	}

}
