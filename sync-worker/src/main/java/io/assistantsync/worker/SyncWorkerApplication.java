package io.assistantsync.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The consuming half of the pipeline: pushes pending-create events into the authoritative store, retries
 * failures through delayed retry topics, dead-letters what cannot be synced and publishes every outcome.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SyncWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SyncWorkerApplication.class, args);
	}

}
