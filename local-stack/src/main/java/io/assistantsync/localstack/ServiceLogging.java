package io.assistantsync.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * How the service processes log in a local run: everything at INFO (Kafka's clients included) into a file of
 * their own in the logs directory, and on the console only their own lines and every library's warnings, so
 * that the ready banner is not buried under Kafka's configuration dumps. Verbose, the console gets all of it.
 */
final class ServiceLogging {

	/** The services' Logback configuration for a quiet console, a resource of the launcher. */
	private static final String QUIET_CONSOLE_CONFIG = "service-logback.xml";

	private final Path directory;

	/** {@code null}: Spring Boot's default configuration, everything on the console. */
	private final Path config;

	private ServiceLogging(Path directory, Path config) {
		this.directory = directory;
		this.config = config;
	}

	/**
	 * Writes the services' Logback configuration where they can read it (a temporary file, gone when the
	 * launcher exits), unless the console is to be verbose.
	 * @param directory the logs directory
	 * @param verbose whether the console shows everything
	 * @return the logging of the services
	 * @throws LocalStackException when the configuration cannot be written
	 */
	static ServiceLogging prepare(Path directory, boolean verbose) {
		if (verbose) {
			return new ServiceLogging(directory, null);
		}
		try (InputStream resource = ServiceLogging.class.getResourceAsStream("/" + QUIET_CONSOLE_CONFIG)) {
			Path config = Files.createTempFile("local-stack-", "-" + QUIET_CONSOLE_CONFIG);
			config.toFile().deleteOnExit();
			Files.copy(resource, config, StandardCopyOption.REPLACE_EXISTING);
			return new ServiceLogging(directory, config);
		}
		catch (IOException ex) {
			throw new LocalStackException(
					"could not write the services' logging configuration: " + LocalStackException.describe(ex));
		}
	}

	/**
	 * The JVM options that set up a service's logging; system properties, so they win over its
	 * {@code application.yml}.
	 * @param service the service name
	 * @return the options
	 */
	List<String> javaOptions(String service) {
		List<String> options = new ArrayList<>();
		options.add("-Dlogging.file.name=" + file(service));
		// application.yml keeps Kafka's clients at WARN; the file is the place for their INFO lines
		options.add("-Dlogging.level.org.apache.kafka=INFO");
		if (this.config != null) {
			options.add("-Dlogging.config=" + this.config);
			// Spring Boot's banner is printed, not logged: into the file with the rest
			options.add("-Dspring.main.banner-mode=log");
		}
		return options;
	}

	/**
	 * The file a service logs to.
	 * @param service the service name
	 * @return e.g. {@code local-stack/data/logs/api-service.log}
	 */
	Path file(String service) {
		return this.directory.resolve(service + ".log");
	}

}
