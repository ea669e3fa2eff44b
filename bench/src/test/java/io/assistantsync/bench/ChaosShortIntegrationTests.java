package io.assistantsync.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos suite's short run as part of the build: a steady load of POSTs while a worker and then the
 * api-service are killed with SIGKILL and restarted; afterwards every accepted assistant must be in the
 * authoritative store and SYNCED, with nothing dead-lettered.
 */
class ChaosShortIntegrationTests {

	private static final Path ROOT = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();

	@Test
	void shouldSurviveAKilledWorkerAndAKilledApiServiceWithoutLosingAnAssistant() throws Exception {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(new TeeStream(System.out, printed), true, StandardCharsets.UTF_8);
		ChaosOptions options = ChaosOptions.parse("--short", "--root", ROOT.toString(), "--work",
				ROOT.resolve("bench/target/chaos-short-work").toString());

		ChaosReport report = new ChaosRun(options, out).run();
		report.print(out);

		assertThat(report.faults()).extracting(ChaosReport.FaultOutcome::name)
			.containsExactly("kill a worker", "kill the api-service");
		assertThat(report.faults()).allMatch(ChaosReport.FaultOutcome::recovered);
		assertThat(report.checks()).allMatch(ChaosCheck.Result::passed);
		assertThat(report.checks().get(0).found()).as("assistants accepted").isGreaterThan(500);
		// the api-service was down for a while: POSTs were refused then, and the run says so
		assertThat(report.refused()).isPositive();
		assertThat(report.passed()).isTrue();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| kill a worker |", "| kill the api-service |",
				"VERDICT: PASSED");
	}

	/**
	 * Writes to the console and keeps a copy.
	 */
	private static final class TeeStream extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		TeeStream(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

	}

}
