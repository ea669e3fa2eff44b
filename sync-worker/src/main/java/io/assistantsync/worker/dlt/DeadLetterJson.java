package io.assistantsync.worker.dlt;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.assistantsync.common.json.Timestamps;

/**
 * The JSON shapes of the tool, the same for {@code --json} on the command line and for the admin API, built
 * as ordered maps so that both entry points write the same fields in the same order.
 */
public final class DeadLetterJson {

	private DeadLetterJson() {
	}

	/**
	 * One dead letter with every header decoded.
	 * @param deadLetter the dead letter
	 * @return its JSON object
	 */
	public static Map<String, Object> deadLetter(DeadLetter deadLetter) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("topic", deadLetter.topic());
		json.put("partition", deadLetter.partition());
		json.put("offset", deadLetter.offset());
		json.put("assistantId", deadLetter.assistantId());
		json.put("type", deadLetter.type());
		json.put("deadLetteredAt", instant(deadLetter.deadLetteredAt()));
		json.put("attempts", deadLetter.attempts());
		json.put("exceptionType", deadLetter.exceptionType());
		json.put("exceptionMessage", deadLetter.exceptionMessage());
		json.put("replayCount", deadLetter.replayCount());
		json.put("replayOf", deadLetter.replayOf());
		json.put("headers", deadLetter.headers());
		return json;
	}

	/**
	 * The summary of a list.
	 * @param listing what was read
	 * @return its JSON object
	 */
	public static Map<String, Object> summary(DeadLetterBrowser.Listing listing) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("topic", listing.topic());
		json.put("partitions", listing.partitions());
		json.put("scanned", listing.scanned());
		json.put("listed", listing.listed());
		json.put("limitReached", listing.limitReached());
		return json;
	}

	/**
	 * A replayed record.
	 * @param replayed the record
	 * @return its JSON object
	 */
	public static Map<String, Object> replayed(ReplayReport.Replayed replayed) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("partition", replayed.partition());
		json.put("offset", replayed.offset());
		json.put("assistantId", replayed.assistantId());
		json.put("replayCount", replayed.replayCount());
		return json;
	}

	/**
	 * A skipped record.
	 * @param skipped the record
	 * @return its JSON object
	 */
	public static Map<String, Object> skipped(ReplayReport.Skipped skipped) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("partition", skipped.partition());
		json.put("offset", skipped.offset());
		json.put("assistantId", skipped.assistantId());
		json.put("reason", skipped.reason().code());
		json.put("detail", skipped.detail());
		return json;
	}

	/**
	 * The summary of a replay run.
	 * @param report the run
	 * @return its JSON object
	 */
	public static Map<String, Object> summary(ReplayReport report) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("auditEventId", report.auditEventId());
		json.put("topic", report.topic());
		json.put("dryRun", report.dryRun());
		json.put("replayed", report.replayed().size());
		json.put("skipped", report.skipped().size());
		json.put("skippedByReason", report.skippedByReason());
		json.put("filteredOut", report.filteredOut());
		json.put("scanned", report.scanned());
		json.put("limitReached", report.limitReached());
		json.put("warnings", report.warnings());
		json.put("problems", report.problems());
		return json;
	}

	/**
	 * A whole replay run, as the admin API answers.
	 * @param report the run
	 * @return its JSON object
	 */
	public static Map<String, Object> report(ReplayReport report) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("auditEventId", report.auditEventId());
		json.put("dryRun", report.dryRun());
		json.put("replayed", report.replayed().stream().map(DeadLetterJson::replayed).toList());
		json.put("skipped", report.skipped().stream().map(DeadLetterJson::skipped).toList());
		json.put("summary", summary(report));
		return json;
	}

	/**
	 * A list, as the admin API answers.
	 * @param deadLetters the dead letters listed
	 * @param listing the summary
	 * @return its JSON object
	 */
	public static Map<String, Object> listing(List<DeadLetter> deadLetters, DeadLetterBrowser.Listing listing) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("deadLetters", deadLetters.stream().map(DeadLetterJson::deadLetter).toList());
		json.put("summary", summary(listing));
		return json;
	}

	private static String instant(Instant instant) {
		return (instant != null) ? Timestamps.format(instant) : null;
	}

}
