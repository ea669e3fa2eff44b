package io.assistantsync.api.assistant;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcilePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithReconcileProperties.class);

	@Test
	void shouldRepublishAfterFiveMinutesEveryThirtySecondsByDefault() {
		this.runner.run((context) -> {
			ReconcileProperties properties = context.getBean(ReconcileProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.interval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.staleAfter()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.batchSize()).isEqualTo(100);
		});
	}

	@Test
	void shouldFailFastOnABatchSizeOfZero() {
		this.runner.withPropertyValues("assistants.reconcile.batch-size=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("batchSize"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ReconcileProperties.class)
	static class WithReconcileProperties {

	}

}
