package io.assistantsync.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChaosReportTests {

	@Test
	void shouldPassOnlyWhenEveryFaultRecoveredAndNothingWasLost() {
		ChaosReport.FaultOutcome survived = new ChaosReport.FaultOutcome("kill a worker", 5, 14.2, 31.5, 700);
		ChaosReport.FaultOutcome stuck = new ChaosReport.FaultOutcome("stop the store", 60, 60, -1, 3000);
		ChaosCheck.Result clean = new ChaosCheck.Result("records dead-lettered", 0, true);
		ChaosCheck.Result lost = new ChaosCheck.Result("  missing from the authoritative store", 3, false);

		assertThat(new ChaosReport(List.of(survived), List.of(clean), 10, 60).passed()).isTrue();
		assertThat(new ChaosReport(List.of(survived, stuck), List.of(clean), 10, 60).passed()).isFalse();
		assertThat(new ChaosReport(List.of(survived), List.of(clean, lost), 10, 60).passed()).isFalse();
	}

	@Test
	void shouldPrintTheFaultsTheChecksAndTheVerdict() {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		new ChaosReport(List.of(new ChaosReport.FaultOutcome("kill a worker", 5, 14.2, -1, 700)),
				List.of(new ChaosCheck.Result("  missing from the authoritative store", 3, false)), 10, 60)
			.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| kill a worker | 5 s | 14.2 s | - | 700 | NOT RECOVERED |",
				"|   missing from the authoritative store | 3 | LOSS |",
				"VERDICT: FAILED");
	}

	@Test
	void shouldReadTheShortRunAndRejectUnknownOptions() {
		ChaosOptions options = ChaosOptions.parse("--short", "--rate", "40");

		assertThat(options.shortRun()).isTrue();
		assertThat(options.rate()).isEqualTo(40);
		assertThat(options.schedule().faults()).hasSize(2);
		assertThat(ChaosOptions.parse().schedule().faults()).extracting(planned -> planned.fault().name())
			.containsExactly("kill a worker", "kill the broker", "kill the api-service", "lock the store's table",
					"stop the store", "rebalance during retries");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--rounds", "3"))
			.withMessageContaining("usage:");
	}

	@Test
	void shouldPickFaultsOfTheFullRunInItsOrder() {
		ChaosSchedule schedule = ChaosOptions.parse("--faults", "rebalance,worker").schedule();

		assertThat(schedule.faults()).extracting(planned -> planned.fault().name())
			.containsExactly("kill a worker", "rebalance during retries");
		assertThat(schedule.faults()).extracting(planned -> planned.at().toSeconds()).containsExactly(15L, 45L);
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--faults", "meteor").schedule())
			.withMessageContaining("meteor");
		assertThatIllegalArgumentException().isThrownBy(() -> ChaosOptions.parse("--short", "--faults", "api"))
			.withMessageContaining("exclude");
	}

}
