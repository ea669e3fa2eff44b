package io.assistantsync.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FigureTests {

	@Test
	void shouldTakeTheMiddleRunAsTheMedianWithMinAndMax() {
		Figure figure = Figure.of("x", "s", "label", "req/s", List.of(300.0, 100.0, 200.0));

		assertThat(figure.median()).isEqualTo(200.0);
		assertThat(figure.min()).isEqualTo(100.0);
		assertThat(figure.max()).isEqualTo(300.0);
		assertThat(figure.runs()).containsExactly(300.0, 100.0, 200.0);
	}

	@Test
	void shouldAverageTheTwoMiddleRunsOfAnEvenCount() {
		assertThat(Figure.of("x", "s", "label", "ms", List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
	}

	@Test
	void shouldRefuseAFigureWithoutRuns() {
		assertThatIllegalArgumentException().isThrownBy(() -> Figure.of("x", "s", "label", "ms", List.of()));
	}

	@Test
	void shouldJudgeTargetsByTheirRatio() {
		assertThat(Target.atLeast("drain", 45, 100, 0.4, "").met()).isTrue();
		assertThat(Target.atLeast("drain", 35, 100, 0.4, "").met()).isFalse();
		assertThat(Target.atMost("p99", 60, 50, "").met()).isFalse();
		assertThat(Target.atMost("p99", 40, 50, "").ratio()).isEqualTo(0.8);
	}

}
