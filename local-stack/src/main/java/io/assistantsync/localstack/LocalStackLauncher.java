package io.assistantsync.localstack;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the whole pipeline on a machine with only Java 17: a Kafka broker and PostgreSQL 17 of its own
 * (unless {@code KAFKA_BOOTSTRAP_SERVERS} or the JDBC URLs name existing ones), then api-service and
 * sync-worker from their built jars. Ctrl-C stops everything. A failure to start is one line on stderr and
 * exit code 1.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package &amp;&amp; java -jar local-stack/target/local-stack.jar
 * java -jar local-stack/target/local-stack.jar --api-instances 2 --workers 3
 * </pre>
 */
public final class LocalStackLauncher {

	private LocalStackLauncher() {
	}

	/**
	 * Starts the stack and blocks until Ctrl-C or until a service exits.
	 * @param args {@code --api-instances <n>} and {@code --workers <n>}, both optional (one of each by default)
	 */
	public static void main(String[] args) {
		PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
		PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
		LocalStack stack;
		try {
			LocalStackSettings settings = LocalStackSettings.fromEnvironment(args);
			configureLogging(settings);
			stack = new LocalStack(settings, out);
		}
		catch (LocalStackException ex) {
			err.println("local-stack: " + ex.getMessage());
			System.exit(1);
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-shutdown"));
		try {
			stack.start();
			out.println(stack.instructions().text());
			ServiceProcess exited = stack.firstServiceExit().join();
			if (!stack.isStopping()) {
				fail(stack, err, exited.name() + " exited with code " + exited.exitValue() + " (its log is above)");
			}
		}
		catch (LocalStackException ex) {
			if (!stack.isStopping()) {
				fail(stack, err, ex.getMessage());
			}
		}
		catch (RuntimeException | LinkageError ex) {
			if (!stack.isStopping()) {
				fail(stack, err, "unexpected failure: " + LocalStackException.describe(ex));
			}
		}
	}

	/**
	 * Points logback.xml at the logs directory and sets its console threshold. Logback reads them when the
	 * first logger is made, which is later than this: nothing above logs.
	 */
	private static void configureLogging(LocalStackSettings settings) {
		System.setProperty("local-stack.logs", settings.logsDirectory().toString());
		System.setProperty("local-stack.console-threshold", settings.verbose() ? "INFO" : "WARN");
	}

	private static void fail(LocalStack stack, PrintStream err, String message) {
		// stop first, so the reason is the last line on the screen, not buried under shutdown logs
		stack.stop();
		err.println("local-stack: " + message);
		System.exit(1);
	}

}
