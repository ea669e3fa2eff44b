package io.assistantsync.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void shouldDefaultToTheFullRunWithThreeRuns() {
		BenchOptions options = BenchOptions.parse("--full");

		assertThat(options.runs()).isEqualTo(3);
		assertThat(options.integer("drain-events")).isEqualTo(100_000);
		assertThat(options.integers("closed-connections")).containsExactly(16, 64);
		assertThat(options.integers("open-rates")).containsExactly(500, 1000, 2000, 4000);
	}

	@Test
	void shouldShrinkEverySizeForASmokeRunAndLetFlagsOverrideIt() {
		BenchOptions options = BenchOptions.parse("--smoke", "--drain-events=500", "--runs", "2");

		assertThat(options.integer("drain-events")).isEqualTo(500);
		assertThat(options.runs()).isEqualTo(2);
		assertThat(options.text("peer")).isEqualTo("off");
		assertThat(options.text("out")).isEqualTo("bench/target/smoke-report");
	}

	@Test
	void shouldRejectAnUnknownOptionWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--drain-event", "5"))
			.withMessageContaining("unknown option --drain-event")
			.withMessageContaining("--drain-events 100000");
	}

	@Test
	void shouldResolveRelativePathsAgainstTheRoot() {
		BenchOptions options = BenchOptions.parse("--root", "/repo");

		assertThat(options.path("out").toString()).isEqualTo("/repo/bench/report");
	}

}
