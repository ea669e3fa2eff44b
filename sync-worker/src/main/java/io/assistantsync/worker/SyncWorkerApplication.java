package io.assistantsync.worker;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.assistantsync.common.boot.SharedConfiguration;
import io.assistantsync.worker.dlt.cli.DeadLetterCommandLine;

/**
 * The consuming half of the pipeline: pushes the assistants' changes (pending-create, -update and -delete events)
 * into the authoritative store, retries failures through delayed retry topics, dead-letters what cannot be synced
 * and publishes every outcome.
 * With {@code dlt} as first argument the jar is the dead-letter command line instead ({@code dlt list},
 * {@code dlt replay}), which starts no server and no listener.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedConfiguration.class)
public class SyncWorkerApplication {

	public static void main(String[] args) {
		if (args.length > 0 && "dlt".equals(args[0])) {
			System.exit(DeadLetterCommandLine.run(Arrays.copyOfRange(args, 1, args.length)));
		}
		SpringApplication.run(SyncWorkerApplication.class, args);
	}

}
