package io.assistantsync.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service running as a child process of the launcher, with its output streamed line by line behind a
 * {@code [name]} prefix.
 */
final class ServiceProcess {

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

	private final ServiceSpec spec;

	private final Process process;

	private ServiceProcess(ServiceSpec spec, Process process) {
		this.spec = spec;
		this.process = process;
	}

	/**
	 * Launches the service with the same {@code java} as the launcher.
	 * @param spec what to launch
	 * @param javaOptions JVM options, e.g. heap limits
	 * @param out where its prefixed log lines go
	 * @return the running process
	 */
	static ServiceProcess start(ServiceSpec spec, List<String> javaOptions, PrintStream out) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(javaOptions);
		command.add("-jar");
		command.add(spec.jar().toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(spec.environment());
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			ServiceProcess service = new ServiceProcess(spec, process);
			service.streamLogs(out);
			return service;
		}
		catch (IOException ex) {
			throw new LocalStackException("could not launch " + spec.name() + ": " + LocalStackException.describe(ex));
		}
	}

	String name() {
		return this.spec.name();
	}

	ServiceSpec spec() {
		return this.spec;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	CompletableFuture<ServiceProcess> onExit() {
		return this.process.onExit().thenApply((process) -> this);
	}

	/**
	 * Whether its readiness probe answers 200.
	 * @param http the client to ask with
	 * @return {@code true} when ready
	 */
	boolean isReady(HttpClient http) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.spec.readinessUrl()))
			.timeout(PROBE_TIMEOUT)
			.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Asks it to shut down gracefully (SIGTERM), as Spring Boot expects.
	 */
	void requestStop() {
		// through the handle: Process.destroy() would also close the pipe and lose its shutdown log
		this.process.toHandle().destroy();
	}

	/**
	 * Waits for it to exit after {@link #requestStop()}, killing it when it takes longer than the timeout.
	 * @param timeout how long a graceful shutdown may take
	 */
	void awaitStop(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void streamLogs(PrintStream out) {
		String prefix = "[" + this.spec.name() + "] ";
		Thread pump = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach((line) -> out.println(prefix + line));
			}
			catch (IOException | UncheckedIOException ex) {
				// the process is gone; its last lines are already printed
			}
		}, this.spec.name() + "-log");
		pump.setDaemon(true);
		pump.start();
	}

	private static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
