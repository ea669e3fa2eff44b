package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.json.Timestamps;
import io.assistantsync.worker.dlt.DeadLetter;
import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterJson;
import io.assistantsync.worker.dlt.ReplayReport;

/**
 * Writes what the {@code dlt} commands found and did to standard output: a readable table and sentences,
 * or JSON lines (one object per line, the summary last) for scripts.
 */
class DeadLetterPrinter {

	private static final String ROW = "%-9s  %-8s  %-21s  %-27s  %-24s  %-8s  %-24s  %s%n";

	private static final int MESSAGE_WIDTH = 100;

	private final PrintWriter out;

	private final boolean json;

	private boolean headerPrinted;

	DeadLetterPrinter(PrintWriter out, boolean json) {
		this.out = out;
		this.json = json;
	}

	void deadLetter(DeadLetter deadLetter) {
		if (this.json) {
			line(DeadLetterJson.deadLetter(deadLetter));
			return;
		}
		if (!this.headerPrinted) {
			this.out.printf(ROW, "PARTITION", "OFFSET", "ASSISTANT ID", "TYPE", "DEAD-LETTERED AT", "ATTEMPTS",
					"EXCEPTION", "MESSAGE");
			this.headerPrinted = true;
		}
		// blank rather than a dash when there is no ce_type: the worker read such a record as a pending-create
		this.out.printf(ROW, deadLetter.partition(), deadLetter.offset(), orDash(deadLetter.assistantId()),
				(deadLetter.type() != null) ? deadLetter.type() : "", Timestamps.format(deadLetter.deadLetteredAt()), orDash(deadLetter.attempts()),
				orDash(deadLetter.simpleExceptionType()), cut(deadLetter.exceptionMessage()));
	}

	void listed(DeadLetterBrowser.Listing listing, Integer limit) {
		if (this.json) {
			line(Map.of("summary", DeadLetterJson.summary(listing)));
			return;
		}
		this.out.printf("%d dead letter%s listed, %d record%s scanned in %s (%d partitions)%s%n", listing.listed(),
				plural(listing.listed()), listing.scanned(), plural(listing.scanned()), listing.topic(),
				listing.partitions(), listing.limitReached() ? "; stopped at --limit " + limit + ", more may match"
						: "");
	}

	void replayed(ReplayReport report) {
		List<Line> lines = new ArrayList<>();
		String replayed = report.dryRun() ? "would-replay" : "replayed";
		report.replayed()
			.forEach(record -> lines.add(new Line(record.partition(), record.offset(), replayed,
					DeadLetterJson.replayed(record), String.format("%-12s  %s/%d/%d  %s  x-replay-count %d",
							report.dryRun() ? "WOULD REPLAY" : "REPLAYED", report.topic(), record.partition(),
							record.offset(), orDash(record.assistantId()), record.replayCount()))));
		report.skipped()
			.forEach(record -> lines.add(new Line(record.partition(), record.offset(), "skipped",
					DeadLetterJson.skipped(record),
					String.format("%-12s  %s/%d/%d  %s  %s: %s", "SKIPPED", report.topic(), record.partition(),
							record.offset(), orDash(record.assistantId()), record.reason().code(),
							record.detail()))));
		lines.sort(Comparator.comparingInt(Line::partition).thenComparingLong(Line::offset));
		if (this.json) {
			lines.forEach(line -> line(withAction(line.action(), line.json())));
			line(Map.of("summary", DeadLetterJson.summary(report)));
			return;
		}
		lines.forEach(line -> this.out.println(line.text()));
		report.warnings().forEach(warning -> this.out.println("warning: " + warning));
		report.problems().forEach(problem -> this.out.println("problem: " + problem));
		String reasons = report.skippedByReason()
			.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", ", " (", ")"));
		this.out.printf("%s %d, skipped %d%s, filtered out %d of %d scanned in %s%s%n",
				report.dryRun() ? "dry run: would replay" : "replayed", report.replayed().size(),
				report.skipped().size(), report.skipped().isEmpty() ? "" : reasons, report.filteredOut(),
				report.scanned(), report.topic(), report.limitReached() ? "; stopped at the limit" : "");
		if (report.dryRun()) {
			this.out.println("dry run: nothing was published, nothing was committed");
		}
		this.out.println("audit event: " + report.auditEventId());
	}

	private void line(Object value) {
		this.out.println(EventJson.mapper().writeValueAsString(value));
	}

	/**
	 * One replayed or skipped record, printed in partition and offset order.
	 */
	private record Line(int partition, long offset, String action, Map<String, Object> json, String text) {
	}

	private static Map<String, Object> withAction(String action, Map<String, Object> json) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("action", action);
		line.putAll(json);
		return line;
	}

	private static String cut(String message) {
		if (message == null) {
			return "-";
		}
		if (message.codePointCount(0, message.length()) <= MESSAGE_WIDTH) {
			return message;
		}
		return message.substring(0, message.offsetByCodePoints(0, MESSAGE_WIDTH - 3)) + "...";
	}

	private static String orDash(Object value) {
		return (value != null) ? value.toString() : "-";
	}

	private static String plural(int count) {
		return (count == 1) ? "" : "s";
	}

}
