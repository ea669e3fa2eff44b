package io.assistantsync.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.assistantsync.common.boot.SharedConfiguration;

/**
 * The producer-facing half of the pipeline: accepts assistants over HTTP, records them with a transactional
 * outbox, publishes pending-create events and tracks each assistant's sync state.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedConfiguration.class)
public class ApiServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiServiceApplication.class, args);
	}

}
