package io.assistantsync.worker.sync;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SyncListenerPropertiesTests {

	private static final int CORES = Runtime.getRuntime().availableProcessors();

	@Test
	void shouldRunOneMainTopicConsumerPerPartitionUpToOnePerCoreByDefault() {
		SyncListenerProperties defaults = new SyncListenerProperties(0, 0, Duration.ofMillis(100), Duration.ofMillis(250));
		assertThat(defaults.effectiveConcurrency(1)).isEqualTo(1);
		assertThat(defaults.effectiveConcurrency(64)).isEqualTo(Math.min(CORES, 64));
	}

	@Test
	void shouldRunOneRetryTopicConsumerPerPartitionWithoutSeeksByDefault() {
		SyncListenerProperties defaults = new SyncListenerProperties(0, 0, Duration.ofMillis(100), Duration.ofMillis(250));
		assertThat(defaults.effectiveRetryConcurrency(1)).isEqualTo(1);
		assertThat(defaults.effectiveRetryConcurrency(6)).isEqualTo(6);
		assertThat(defaults.seeksAfterError(6)).isFalse();
	}

	@Test
	void shouldSeekAfterErrorsWhenARetryTopicConsumerOwnsSeveralPartitions() {
		SyncListenerProperties fewer = new SyncListenerProperties(0, 2, Duration.ofMillis(20), Duration.ofMillis(250));
		assertThat(fewer.seeksAfterError(6)).isTrue();
		assertThat(fewer.seeksAfterError(2)).isFalse();
	}

	@Test
	void shouldUseTheConfiguredConcurrency() {
		SyncListenerProperties configured = new SyncListenerProperties(3, 5, Duration.ofMillis(20), Duration.ofMillis(250));
		assertThat(configured.effectiveConcurrency(1)).isEqualTo(3);
		assertThat(configured.effectiveRetryConcurrency(1)).isEqualTo(5);
	}

}
