package io.assistantsync.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssessmentTests {

	@Test
	void shouldCompareIngestWithTheDurableLimitAtTheSameConcurrencyAndReportAMiss() {
		Results results = new Results();
		for (double value : new double[] { 300, 335, 340 }) {
			results.add("ingest.closed.c16.req_per_s", "s", "ingest", "req/s", value);
		}
		for (double value : new double[] { 2000, 2096, 2200 }) {
			results.add("limits.pg.durable.c16.tx_per_s", "s", "durable", "tx/s", value);
		}
		results.complete();

		Assessment.assess(results);

		assertThat(results.targets).singleElement().satisfies(target -> {
			assertThat(target.ratio()).isCloseTo(335.0 / 2096, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(target.met()).isFalse();
		});
		assertThat(results.findings).singleElement().asString().contains("335 POST/s", "2096 tx/s", "0.16x");
	}

	@Test
	void shouldReportNoFindingForAMetTarget() {
		Results results = new Results();
		results.add("e2e.sustained.per_s", "s", "sustained", "assistants/s", 480);
		results.add("ingest.closed.c64.req_per_s", "s", "ingest", "req/s", 500);
		results.add("limits.pg.durable.c64.tx_per_s", "s", "durable", "tx/s", 400);
		results.complete();

		Assessment.assess(results);

		assertThat(results.targets).hasSize(2).allMatch(Target::met);
		assertThat(results.findings).isEmpty();
	}

	@Test
	void shouldJudgeMemoryByTheWorstRun() {
		Results results = new Results();
		for (double value : new double[] { 350, 390, 420 }) {
			results.add("memory.api.peak_rss_mb", "s", "rss", "MB", value);
		}
		results.complete();

		Assessment.assess(results);

		assertThat(results.targets).singleElement().satisfies(target -> {
			assertThat(target.measured()).isEqualTo(420);
			assertThat(target.met()).isFalse();
		});
	}

}
