package io.assistantsync.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built launcher ({@code local-stack/target/local-stack.jar}) running as a child process of the test on
 * free ports, with a broker and a PostgreSQL of its own: exactly what a person gets from the README's run
 * command. The end-to-end tests of the pipeline (a POST that ends SYNCED in the authoritative store) belong
 * next to this class and run against {@link #api(String)} and {@link #kafkaBootstrapServers()}.
 */
final class LocalStackProcess implements AutoCloseable {

	/** The repository root, set by the build; the tests run in {@code local-stack/}. */
	static final Path ROOT = Path.of(System.getProperty("local-stack.root", "..")).toAbsolutePath().normalize();

	static final Path JAR = ROOT.resolve("local-stack/target/local-stack.jar");

	/** Variables of the test's own environment that would point the stack at other servers. */
	private static final List<String> INHERITED_TO_DROP = List.of("KAFKA_BOOTSTRAP_SERVERS", "SPRING_DATASOURCE_URL",
			"SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD", "SYNC_STORE_JDBC_URL",
			"SYNC_STORE_JDBC_USERNAME", "SYNC_STORE_JDBC_PASSWORD", "SERVER_PORT", "LOCAL_STACK_SECURITY_MODE",
			"ASSISTANTS_SECURITY_MODE", "ASSISTANTS_CORS_ALLOWED_ORIGINS",
			"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
			"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");

	final int kafkaPort;

	final int postgresPort;

	final int apiPort;

	final int workerPort;

	private final Process process;

	private final Path stdout;

	private final Path stderr;

	private final Path logs;

	private final Path tokenFile;

	private LocalStackProcess(Process process, Path work, int[] ports) {
		this.process = process;
		this.stdout = work.resolve("stdout.log");
		this.stderr = work.resolve("stderr.log");
		this.logs = work.resolve("logs");
		this.tokenFile = work.resolve("demo-token");
		this.kafkaPort = ports[0];
		this.postgresPort = ports[1];
		this.apiPort = ports[2];
		this.workerPort = ports[3];
	}

	/**
	 * Starts the launcher on four free ports with a fresh data directory.
	 * @param settings further settings (environment variables), overriding the defaults here
	 * @return the running launcher
	 */
	static LocalStackProcess start(Map<String, String> settings) {
		return start(settings, new String[0]);
	}

	/**
	 * Starts the launcher with a command line, e.g. {@code --api-instances 2}, on free ports as above.
	 * @param settings further settings (environment variables)
	 * @param args the launcher's options
	 * @return the running launcher
	 */
	static LocalStackProcess start(Map<String, String> settings, String... args) {
		assertThat(JAR).as("the launcher jar (built by the package phase)").isRegularFile();
		try {
			Path work = Files.createTempDirectory(ROOT.resolve("local-stack/target"), "it-");
			int[] ports = freePorts(4);
			Map<String, String> environment = new HashMap<>();
			environment.put("LOCAL_STACK_ROOT", ROOT.toString());
			environment.put("LOCAL_STACK_POSTGRES_DATA", work.resolve("postgres").toString());
			environment.put("LOCAL_STACK_LOGS", work.resolve("logs").toString());
			environment.put("LOCAL_STACK_TOKEN_FILE", work.resolve("demo-token").toString());
			environment.put("LOCAL_STACK_KAFKA_PORT", Integer.toString(ports[0]));
			environment.put("LOCAL_STACK_POSTGRES_PORT", Integer.toString(ports[1]));
			environment.put("API_PORT", Integer.toString(ports[2]));
			environment.put("WORKER_PORT", Integer.toString(ports[3]));
			environment.putAll(settings);
			List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
			command.addAll(List.of(args));
			ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
				.redirectOutput(work.resolve("stdout.log").toFile())
				.redirectError(work.resolve("stderr.log").toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			INHERITED_TO_DROP.forEach(builder.environment()::remove);
			builder.environment().putAll(environment);
			return new LocalStackProcess(builder.start(), work, ports);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Waits for the launcher's ready line.
	 * @param timeout the longest wait
	 */
	void awaitReady(Duration timeout) {
		await("the local stack to be ready").atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> stdout().contains(Instructions.READY_LINE) || !this.process.isAlive());
		if (!stdout().contains(Instructions.READY_LINE)) {
			throw new AssertionError("The local stack did not become ready: " + stderr() + "\nErrors in its output:\n"
					+ errorLines());
		}
	}

	/**
	 * Waits for the launcher to exit on its own.
	 * @param timeout the longest wait
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) {
		await("the launcher to exit").atMost(timeout).until(() -> !this.process.isAlive());
		return this.process.exitValue();
	}

	/**
	 * Sends SIGTERM, as Ctrl-C or a process manager would, and waits for the launcher to exit.
	 * @param timeout the longest wait
	 * @return its exit code
	 */
	int stop(Duration timeout) {
		this.process.destroy();
		return awaitExit(timeout);
	}

	List<ProcessHandle> descendants() {
		return this.process.descendants().toList();
	}

	String stdout() {
		return read(this.stdout);
	}

	String stderr() {
		return read(this.stderr);
	}

	/**
	 * The launcher's logs directory ({@code LOCAL_STACK_LOGS}), in the run's own work directory.
	 * @return the directory
	 */
	Path logs() {
		return this.logs;
	}

	/**
	 * A log file of the run.
	 * @param name e.g. {@code api-service.log}
	 * @return its content
	 */
	String log(String name) {
		return read(this.logs.resolve(name));
	}

	/**
	 * The demo producer's token the launcher wrote, as a user reads it with {@code TOKEN=$(cat ...)}.
	 * @return the compact JWT
	 */
	String token() {
		return read(this.tokenFile).strip();
	}

	/**
	 * The file the launcher writes the demo producer's token to ({@code LOCAL_STACK_TOKEN_FILE}).
	 * @return the file, in the run's own work directory
	 */
	Path tokenFile() {
		return this.tokenFile;
	}

	URI api(String path) {
		return URI.create("http://localhost:" + this.apiPort + path);
	}

	URI worker(String path) {
		return URI.create("http://localhost:" + this.workerPort + path);
	}

	/**
	 * A service instance's URL, as the launcher printed it once the instance was ready.
	 * @param name e.g. {@code api-service-2}
	 * @param path e.g. {@code /api/assistants}
	 * @return the URL
	 */
	URI instance(String name, String path) {
		Matcher ready = Pattern.compile("^" + Pattern.quote(name) + " is ready on (http://\\S+) ", Pattern.MULTILINE)
			.matcher(stdout());
		assertThat(ready.find()).as("the ready line of %s", name).isTrue();
		return URI.create(ready.group(1) + path);
	}

	String kafkaBootstrapServers() {
		return "127.0.0.1:" + this.kafkaPort;
	}

	List<Integer> ports() {
		return List.of(this.kafkaPort, this.postgresPort, this.apiPort, this.workerPort);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			List<ProcessHandle> children = descendants();
			this.process.destroy();
			try {
				if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
					children.forEach(ProcessHandle::destroyForcibly);
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private String errorLines() {
		return String.join("\n", stdout().lines()
			.filter((line) -> line.contains(" ERROR ") || line.contains("Caused by:") || line.startsWith("local-stack"))
			.limit(30)
			.toList());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int[] freePorts(int count) throws IOException {
		// all sockets open at once, so the ports differ
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

	static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
