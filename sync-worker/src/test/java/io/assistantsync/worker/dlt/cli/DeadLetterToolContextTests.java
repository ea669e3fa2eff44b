package io.assistantsync.worker.dlt.cli;

import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterToolContextTests {

	@Test
	void shouldLeaveTheCommandLineOutOfTheWorkersComponentScan() {
		// the worker scans its whole package tree; the command line's context must start only when asked for
		ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(true);

		assertThat(scan.findCandidateComponents(DeadLetterToolContext.class.getPackageName())).isEmpty();
	}

}
