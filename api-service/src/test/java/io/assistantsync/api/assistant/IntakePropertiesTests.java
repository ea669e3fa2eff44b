package io.assistantsync.api.assistant;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IntakePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithIntakeProperties.class);

	@Test
	void shouldWriteUpToAHundredCreatesPerTransactionWithTwoCommittersByDefault() {
		this.runner.run((context) -> {
			IntakeProperties properties = context.getBean(IntakeProperties.class);
			assertThat(properties.batchSize()).isEqualTo(100);
			assertThat(properties.committers()).isEqualTo(2);
		});
	}

	@Test
	void shouldFailFastOnABatchSizeOfZero() {
		this.runner.withPropertyValues("assistants.intake.batch-size=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("batchSize"));
	}

	@Test
	void shouldFailFastOnNoCommitter() {
		this.runner.withPropertyValues("assistants.intake.committers=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("committers"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IntakeProperties.class)
	static class WithIntakeProperties {

	}

}
