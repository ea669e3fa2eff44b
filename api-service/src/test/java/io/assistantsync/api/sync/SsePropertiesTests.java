package io.assistantsync.api.sync;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class SsePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(WithSseProperties.class);

	@Test
	void shouldBufferAHundredEventsPerClientAndWriteWithFourThreadsByDefault() {
		this.runner.run((context) -> {
			SseProperties properties = context.getBean(SseProperties.class);
			assertThat(properties.maxPendingEvents()).isEqualTo(100);
			assertThat(properties.senderThreads()).isEqualTo(4);
		});
	}

	@Test
	void shouldFailFastOnAnEmptyBufferOrNoSenderThreads() {
		this.runner.withPropertyValues("assistants.sse.max-pending-events=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("maxPendingEvents"));
		this.runner.withPropertyValues("assistants.sse.sender-threads=0")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("senderThreads"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SseProperties.class)
	static class WithSseProperties {

	}

}
