package io.assistantsync.api.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.assistantsync.common.id.IdGenerator;

/**
 * The clock and the id generator, as beans so that tests can replace them.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	IdGenerator idGenerator() {
		return new IdGenerator();
	}

}
