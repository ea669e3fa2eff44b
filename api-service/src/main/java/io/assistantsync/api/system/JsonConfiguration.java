package io.assistantsync.api.system;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.assistantsync.common.json.EventJson;

/**
 * Makes Spring MVC write timestamps as the contract does (milliseconds and {@code Z}), like the events.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	@Bean
	JsonMapperBuilderCustomizer contractTimestamps() {
		return (builder) -> builder.addModule(EventJson.contractModule());
	}

}
