package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import io.assistantsync.worker.dlt.Operator;
import io.assistantsync.worker.dlt.ReplayReport;
import io.assistantsync.worker.dlt.ReplayRequest;

/**
 * {@code dlt replay}: republishes the matching dead letters to the pending-create topic, prints what it
 * replayed and skipped and why, a summary and the id of the run's audit event.
 */
@Command(name = "replay", sortOptions = false,
		description = { "Republishes matching dead letters, key and value byte for byte, to the pending-create "
				+ "topic with x-replay-of and x-replay-count; the worker starts again at attempt 1.",
				"By default takes only dead letters that no earlier replay took. Every run, dry or not, is "
						+ "written to the ops-audit topic." })
class ReplayCommand implements Callable<Integer> {

	@Mixin
	FilterOptions filters = new FilterOptions();

	@Option(names = "--dry-run", description = "Print what would be replayed; publish and commit nothing.")
	boolean dryRun;

	@Option(names = "--from-beginning",
			description = "Also take dead letters that earlier replays took (they are recorded as taken again).")
	boolean fromBeginning;

	@Option(names = "--force", description = "Replay records whose x-replay-count reached the loop guard's "
			+ "limit (sync.ops.replay-limit).")
	boolean force;

	@Option(names = "--rate", paramLabel = "<n>[/s]", converter = RateConverter.class,
			description = "Republish at most this many records per second, e.g. 50 or 50/s.")
	Double rate;

	@Option(names = "--json", description = "One JSON object per record, then a summary object.")
	boolean json;

	@Mixin
	HelpOption help = new HelpOption();

	private final Supplier<DeadLetterTool> tool;

	private final PrintWriter out;

	ReplayCommand(Supplier<DeadLetterTool> tool, PrintWriter out) {
		this.tool = tool;
		this.out = out;
	}

	@Override
	public Integer call() {
		ReplayRequest request = new ReplayRequest(this.filters.toFilter(), this.dryRun, this.fromBeginning,
				this.force, this.rate);
		ReplayReport report = this.tool.get().replayer().replay(request, operator());
		new DeadLetterPrinter(this.out, this.json).replayed(report);
		this.out.flush();
		return report.problems().isEmpty() ? DeadLetterCommands.OK : DeadLetterCommands.FAILED;
	}

	/**
	 * Who runs a replay from the command line, for its audit event: the OS user.
	 */
	private static Operator operator() {
		return Operator.commandLine(System.getProperty("user.name"));
	}

	static class RateConverter implements ITypeConverter<Double> {

		@Override
		public Double convert(String value) {
			String number = value.strip();
			if (number.endsWith("/s")) {
				number = number.substring(0, number.length() - 2).strip();
			}
			try {
				double rate = Double.parseDouble(number);
				if (rate > 0 && Double.isFinite(rate)) {
					return rate;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new TypeConversionException(
					"must be a positive number of records per second, e.g. 50 or 50/s, was '" + value + "'");
		}

	}

}
