package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import io.assistantsync.worker.dlt.DeadLetterHeaders;
import io.assistantsync.worker.dlt.KafkaUnavailableException;

/**
 * The {@code dlt} command line: {@code list} and {@code replay}, their exit codes, and errors as one clear
 * line on standard error instead of a stack trace.
 */
final class DeadLetterCommands {

	/** Done. */
	static final int OK = 0;

	/** The run failed, or did not do all it should (see its {@code problem:} lines). */
	static final int FAILED = 1;

	/** Bad arguments: an unknown option, a value that cannot be read, contradicting filters. */
	static final int USAGE = 2;

	/** Kafka did not answer in time, or refused. */
	static final int KAFKA_UNAVAILABLE = 3;

	private DeadLetterCommands() {
	}

	/**
	 * The command line, ready to {@link CommandLine#execute(String...) execute}.
	 * @param tool the services, obtained only once the arguments are known to be good
	 * @param out where results go
	 * @param err where errors go
	 * @return the command line
	 */
	static CommandLine commandLine(Supplier<DeadLetterTool> tool, PrintWriter out, PrintWriter err) {
		CommandLine commandLine = new CommandLine(new Dlt());
		commandLine.addSubcommand(new ListCommand(tool, out));
		commandLine.addSubcommand(new ReplayCommand(tool, out));
		// nanoids may start with '-': with no short options, "--assistant-id -hPyJ…" is never read as an option
		commandLine.setPosixClusteredShortOptionsAllowed(false);
		commandLine.setOut(out);
		commandLine.setErr(err);
		commandLine.setParameterExceptionHandler((ex, args) -> {
			CommandLine command = ex.getCommandLine();
			err.println("dlt: " + ex.getMessage());
			err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
			err.flush();
			return USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, command, parsed) -> {
			err.println("dlt: " + describe(ex));
			err.flush();
			return (ex instanceof KafkaUnavailableException || ex.getCause() instanceof KafkaUnavailableException)
					? KAFKA_UNAVAILABLE : FAILED;
		});
		return commandLine;
	}

	private static String describe(Exception ex) {
		if (ex instanceof KafkaUnavailableException) {
			return ex.getMessage();
		}
		if (ex.getCause() instanceof KafkaUnavailableException kafka) {
			return kafka.getMessage();
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return "failed: " + DeadLetterHeaders.oneLine(message);
	}

	@Command(name = "dlt", synopsisSubcommandLabel = "(list | replay)",
			description = { "Lists and replays the dead-letter topic of the sync worker.",
					"Reads the worker's configuration: KAFKA_BOOTSTRAP_SERVERS, ASSISTANTS_TOPICS_PENDING_CREATE, "
							+ "SYNC_OPS_* (see the README)." },
			exitCodeListHeading = "Exit codes:%n",
			exitCodeList = { "0:done", "1:failed, or did not do all it should (see the problem: lines)",
					"2:bad arguments", "3:Kafka unreachable or refusing" })
	static class Dlt implements Runnable {

		@Mixin
		HelpOption help = new HelpOption();

		@Spec
		CommandSpec spec;

		@Override
		public void run() {
			throw new ParameterException(this.spec.commandLine(), "Missing command: list or replay");
		}

	}

}
