package io.assistantsync.worker.dlt.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterReplayer;

/**
 * The {@code dlt} command line of the worker's jar: {@code java -jar sync-worker-exec.jar dlt list|replay …}.
 * Arguments are checked first; only then a small Spring context starts ({@link DeadLetterToolContext}) that
 * reads the worker's {@code application.yml} and environment variables, without web server, listeners or
 * database. Results go to standard output, logging (quiet: WARN, Kafka clients off) to standard error.
 */
public final class DeadLetterCommandLine {

	private static final Map<String, Object> QUIET = Map.of("logging.level.root", "WARN",
			"logging.level.org.apache.kafka", "OFF", "spring.main.log-startup-info", "false");

	private DeadLetterCommandLine() {
	}

	/**
	 * Runs a {@code dlt} command as the process.
	 * @param args the arguments after {@code dlt}
	 * @return the exit code: 0 done, 1 failed, 2 bad arguments, 3 Kafka unreachable
	 */
	public static int run(String... args) {
		PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
		PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
		return execute(args, Map.of(), out, err, true);
	}

	/**
	 * Runs a {@code dlt} command in this JVM.
	 * @param args the arguments after {@code dlt}
	 * @param properties properties that override every other source, e.g. in tests
	 * @param out where results go
	 * @param err where errors go
	 * @param logToStandardError whether to move console logging to standard error (the process does)
	 * @return the exit code
	 */
	static int execute(String[] args, Map<String, Object> properties, PrintWriter out, PrintWriter err,
			boolean logToStandardError) {
		try (ToolContext tool = new ToolContext(properties, logToStandardError)) {
			return DeadLetterCommands.commandLine(tool, out, err).execute(args);
		}
	}

	/**
	 * Starts the Spring context on first use, so that bad arguments are reported without it.
	 */
	private static final class ToolContext implements Supplier<DeadLetterTool>, AutoCloseable {

		private final Map<String, Object> properties;

		private final boolean logToStandardError;

		private ConfigurableApplicationContext context;

		ToolContext(Map<String, Object> properties, boolean logToStandardError) {
			this.properties = properties;
			this.logToStandardError = logToStandardError;
		}

		@Override
		public DeadLetterTool get() {
			if (this.context == null) {
				SpringApplicationBuilder builder = new SpringApplicationBuilder(DeadLetterToolContext.class)
					.web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.registerShutdownHook(false)
					.properties(new LinkedHashMap<>(QUIET))
					.initializers(context -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("dlt-overrides", this.properties)));
				if (this.logToStandardError) {
					builder.listeners(new ConsoleLogging());
				}
				this.context = builder.run();
			}
			return new DeadLetterTool(this.context.getBean(DeadLetterBrowser.class),
					this.context.getBean(DeadLetterReplayer.class));
		}

		@Override
		public void close() {
			if (this.context != null) {
				this.context.close();
			}
		}

	}

}
