package io.assistantsync.worker.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.assistantsync.common.event.DeadLetterReplayAudited;

/**
 * Which dead letters a list or a replay takes; every criterion is optional and they all must hold.
 *
 * @param assistantIds only these assistants (record keys); empty for all
 * @param since dead-lettered at or after this instant, or {@code null}
 * @param until dead-lettered before this instant, or {@code null}
 * @param exceptionType only failures of this class, by fully qualified or simple name, ignoring case; or
 * {@code null}
 * @param limit at most this many records listed (or, for a replay, replayed), or {@code null} for no limit
 */
public record DeadLetterFilter(List<String> assistantIds, Instant since, Instant until, String exceptionType,
		Integer limit) {

	/** Matches every dead letter. */
	static final DeadLetterFilter ALL = new DeadLetterFilter(List.of(), null, null, null, null);

	/**
	 * Checks the criteria, so that a bad one is reported before any record is read.
	 * @throws InvalidFilterException when the limit is not positive or the time window is empty
	 */
	public DeadLetterFilter {
		assistantIds = (assistantIds != null)
				? assistantIds.stream().map(String::strip).filter(id -> !id.isEmpty()).distinct().toList() : List.of();
		exceptionType = (exceptionType != null && !exceptionType.isBlank()) ? exceptionType.strip() : null;
		if (limit != null && limit < 1) {
			throw new InvalidFilterException("limit", "must be at least 1, was " + limit);
		}
		if (since != null && until != null && !since.isBefore(until)) {
			throw new InvalidFilterException("until", "must be after since (" + since + "), was " + until);
		}
	}

	/**
	 * Whether a dead letter meets every criterion; the limit is applied by the caller.
	 * @param deadLetter the dead letter
	 * @return {@code true} when it is selected
	 */
	boolean matches(DeadLetter deadLetter) {
		return (this.assistantIds.isEmpty() || this.assistantIds.contains(deadLetter.assistantId()))
				&& (this.since == null || !deadLetter.deadLetteredAt().isBefore(this.since))
				&& (this.until == null || deadLetter.deadLetteredAt().isBefore(this.until))
				&& matchesExceptionType(deadLetter);
	}

	/**
	 * Whether a count reached the limit.
	 * @param count records taken so far
	 * @return {@code true} when no more may be taken
	 */
	boolean isReached(int count) {
		return this.limit != null && count >= this.limit;
	}

	/**
	 * The filters as the audit event records them.
	 * @return the audit form
	 */
	DeadLetterReplayAudited.Filters toAudited() {
		return new DeadLetterReplayAudited.Filters(this.assistantIds, this.since, this.until, this.exceptionType,
				this.limit);
	}

	private boolean matchesExceptionType(DeadLetter deadLetter) {
		if (this.exceptionType == null) {
			return true;
		}
		String wanted = this.exceptionType.toLowerCase(Locale.ROOT);
		return wanted.equals(lowerCase(deadLetter.exceptionType()))
				|| wanted.equals(lowerCase(deadLetter.simpleExceptionType()));
	}

	private static String lowerCase(String text) {
		return (text != null) ? text.toLowerCase(Locale.ROOT) : null;
	}

}
