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

	@Test
	void shouldTakeAValueThatLooksLikeAJvmOption() {
		BenchOptions options = BenchOptions.parse("--service-java-options", "-Xmx512m -XX:+UseParallelGC");

		assertThat(options.words("service-java-options")).containsExactly("-Xmx512m", "-XX:+UseParallelGC");
		assertThat(options.smoke()).isFalse();
	}

	@Test
	void shouldLetTheLastOfARepeatedOptionWin() {
		assertThat(BenchOptions.parse("--runs", "2", "--runs=5").runs()).isEqualTo(5);
	}

	@Test
	void shouldRejectAMissingValueAStrayArgumentAndAnswerHelpWithTheUsage() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--runs"))
			.withMessageContaining("--runs needs a value")
			.withMessageContaining("usage:");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("smoke"))
			.withMessageContaining("unexpected argument 'smoke'");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("--help"))
			.withMessageStartingWith("usage:")
			.withMessageContaining("--phases limits,ceiling,pipeline,drain,peer");
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("-h"))
			.withMessageStartingWith("usage:");
	}

}
