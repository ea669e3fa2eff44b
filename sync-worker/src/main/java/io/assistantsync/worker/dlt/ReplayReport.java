package io.assistantsync.worker.dlt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a replay run did (or, dry, would do).
 *
 * @param auditEventId the id of the run's audit event
 * @param topic the dead-letter topic
 * @param dryRun whether the run only reported
 * @param replayed the records republished and acknowledged (dry: that would be republished)
 * @param skipped the matching records left alone, with the reason
 * @param filteredOut records read that did not match the filters
 * @param scanned records read
 * @param limitReached whether the run stopped at the filter's limit, so more records may match
 * @param warnings things the operator should know that did not stop the run
 * @param problems failures: the run did not do all it should have (exit code 1, see the messages)
 */
public record ReplayReport(String auditEventId, String topic, boolean dryRun, List<Replayed> replayed,
		List<Skipped> skipped, int filteredOut, int scanned, boolean limitReached, List<String> warnings, List<String> problems) {

	/**
	 * The skipped records counted by reason, in the order of {@link SkipReason}.
	 * @return reason code to count, reasons without records left out
	 */
	public Map<String, Integer> skippedByReason() {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (SkipReason reason : SkipReason.values()) {
			int count = (int) this.skipped.stream().filter(skipped -> skipped.reason() == reason).count();
			if (count > 0) {
				counts.put(reason.code(), count);
			}
		}
		return counts;
	}

	/**
	 * A republished dead letter.
	 *
	 * @param partition its partition in the dead-letter topic
	 * @param offset its offset there
	 * @param assistantId its key
	 * @param replayCount the {@code x-replay-count} of the replayed record
	 */
	public record Replayed(int partition, long offset, String assistantId, int replayCount) {
	}

	/**
	 * A matching dead letter that was not republished.
	 *
	 * @param partition its partition in the dead-letter topic
	 * @param offset its offset there
	 * @param assistantId its key
	 * @param reason why
	 * @param detail the reason for the operator
	 */
	public record Skipped(int partition, long offset, String assistantId, SkipReason reason, String detail) {
	}

}
