package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import io.assistantsync.worker.dlt.DeadLetterStubs;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterCommandsTests {

	private final StringWriter out = new StringWriter();

	private final StringWriter err = new StringWriter();

	private final AtomicInteger toolRequests = new AtomicInteger();

	private final Supplier<DeadLetterTool> tool = () -> {
		this.toolRequests.incrementAndGet();
		throw new IllegalStateException("bad arguments must be reported before the tool starts");
	};

	@Test
	void shouldRefuseABadInstantWithExitCode2AndAClearMessage() {
		int exit = execute("list", "--since", "yesterday");

		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString()).startsWith("dlt: Invalid value for option '--since': ")
			.contains("must be an ISO-8601 instant")
			.contains("'yesterday'")
			.contains("Try 'dlt list --help'");
		assertThat(this.out.toString()).isEmpty();
		assertThat(this.toolRequests).hasValue(0);
	}

	@Test
	void shouldRefuseANegativeLimit() {
		assertThat(execute("replay", "--limit", "-1")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--limit must be at least 1, was -1");
		assertThat(this.toolRequests).hasValue(0);
	}

	@Test
	void shouldRefuseAnEmptyTimeWindow() {
		assertThat(execute("list", "--since", "2026-11-25", "--until", "2026-11-24")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--until must be after since");
	}

	@Test
	void shouldRefuseABadRate() {
		assertThat(execute("replay", "--rate", "0")).isEqualTo(2);
		assertThat(this.err.toString()).contains("'--rate'").contains("positive number of records per second");
		assertThat(execute("replay", "--rate", "fast")).isEqualTo(2);
		assertThat(this.toolRequests).hasValue(0);
	}

	@Test
	void shouldRefuseUnknownOptionsAndCommands() {
		assertThat(execute("list", "--assistant")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown option: '--assistant'");
		assertThat(execute("purge")).isEqualTo(2);
		assertThat(execute()).isEqualTo(2);
		assertThat(this.err.toString()).contains("Missing command: list or replay");
		assertThat(this.toolRequests).hasValue(0);
	}

	@Test
	void shouldTakeAssistantIdsThatStartWithADash() {
		CommandLine commandLine = DeadLetterCommands.commandLine(this.tool, new PrintWriter(this.out),
				new PrintWriter(this.err));

		commandLine.parseArgs("replay", "--assistant-id", "-hPyJ-ioD3SNVWacFLgy5", "--assistant-id", "--json7ioD3SNVWacFLg");

		ReplayCommand replay = commandLine.getSubcommands().get("replay").getCommand();
		assertThat(replay.filters.assistantIds).containsExactly("-hPyJ-ioD3SNVWacFLgy5", "--json7ioD3SNVWacFLg");
	}

	@Test
	void shouldPrintHelpWithExitCode0() {
		assertThat(execute("replay", "--help")).isZero();
		assertThat(this.out.toString()).contains("--dry-run")
			.contains("--from-beginning")
			.contains("--force")
			.contains("--rate")
			.contains("--assistant-id")
			.contains("--exception-type");
	}

	@Test
	void shouldReportAnUnreachableKafkaInOneLineWithExitCode3() {
		Supplier<DeadLetterTool> unreachable = () -> {
			throw DeadLetterStubs.kafkaUnavailable("Kafka at localhost:1 did not answer within 500 ms");
		};
		int exit = DeadLetterCommands.commandLine(unreachable, new PrintWriter(this.out), new PrintWriter(this.err))
			.execute("list");

		assertThat(exit).isEqualTo(3);
		assertThat(this.err.toString()).isEqualTo("dlt: Kafka at localhost:1 did not answer within 500 ms"
				+ System.lineSeparator());
	}

	private int execute(String... args) {
		return DeadLetterCommands.commandLine(this.tool, new PrintWriter(this.out), new PrintWriter(this.err))
			.execute(args);
	}

}
