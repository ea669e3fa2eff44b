package io.assistantsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;

import io.assistantsync.common.json.EventJson;

/**
 * A service (or the peer) running as a child JVM, so that its memory and start-up time are its own. Its
 * output goes to a log file; a sampler thread records its resident memory and, for the services, the heap
 * reported by Actuator.
 */
final class BenchedService implements AutoCloseable {

	/** The heap in use, in Actuator's {@code jvm.memory.used} answer: its one measurement. */
	private static final String HEAP_VALUE = "/measurements/0/value";

	private static final Duration READY_POLL = Duration.ofMillis(100);

	private final String name;

	private final Process process;

	private final long startedNanos;

	private final String baseUrl;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private volatile long peakHeapBytes;

	private volatile long peakRssBytes;

	private volatile boolean sampling;

	private Thread sampler;

	private BenchedService(String name, Process process, long startedNanos, String baseUrl, Path log) {
		this.name = name;
		this.process = process;
		this.startedNanos = startedNanos;
		this.baseUrl = baseUrl;
		this.log = log;
	}

	/**
	 * Launches {@code java <options> <arguments>} with extra environment variables.
	 * @param name a short name for logs
	 * @param javaOptions JVM options
	 * @param arguments e.g. {@code -jar x.jar}
	 * @param environment added to this JVM's environment
	 * @param baseUrl its HTTP root, or {@code null}
	 * @param logDirectory where its output goes
	 * @return the running process
	 */
	static BenchedService start(String name, List<String> javaOptions, List<String> arguments,
			Map<String, String> environment, String baseUrl, Path logDirectory) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(javaOptions);
		command.addAll(arguments);
		Files.createDirectories(logDirectory);
		Path log = logDirectory.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		Process process = builder.start();
		process.getOutputStream().close();
		return new BenchedService(name, process, started, baseUrl, log);
	}

	String name() {
		return this.name;
	}

	long pid() {
		return this.process.pid();
	}

	String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Waits until the URL answers 200.
	 * @param path e.g. {@code /actuator/health/readiness}
	 * @param timeout the longest wait
	 * @return seconds from the process start to the first 200
	 */
	double awaitReady(String path, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue()
						+ " before it was ready; see " + this.log);
			}
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return (System.nanoTime() - this.startedNanos) / 1e9;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			LockSupport.parkNanos(READY_POLL.toNanos());
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout.toSeconds() + " s; see " + this.log);
	}

	/**
	 * Waits for a process that does one job and exits.
	 * @param timeout the longest wait
	 * @throws IllegalStateException when it runs longer or exits with an error
	 */
	void awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			close();
			throw new IllegalStateException(this.name + " did not finish within " + timeout.toSeconds() + " s; see " + this.log);
		}
		if (this.process.exitValue() != 0) {
			throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue() + "; see " + this.log);
		}
	}

	/**
	 * Starts sampling memory every interval: RSS from {@code /proc}, the heap from Actuator when there is
	 * a base URL.
	 * @param interval the sampling interval
	 */
	void startSampling(Duration interval) {
		this.sampling = true;
		this.sampler = new Thread(() -> {
			while (this.sampling && this.process.isAlive()) {
				sample();
				LockSupport.parkNanos(interval.toNanos());
			}
		}, this.name + "-memory");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		ProcessMemory memory = ProcessMemory.of(this.process.pid());
		this.peakRssBytes = Math.max(this.peakRssBytes, Math.max(memory.rssBytes(), memory.hwmBytes()));
		if (this.baseUrl == null) {
			return;
		}
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.baseUrl + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
			JsonNode value = EventJson.mapper().readTree(body).at(HEAP_VALUE);
			if (value.isNumber()) {
				this.peakHeapBytes = Math.max(this.peakHeapBytes, (long) value.doubleValue());
			}
		}
		catch (IOException | RuntimeException ex) {
			// a busy service may not answer a sample; the next one counts
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The highest resident set size so far: the kernel's high-water mark, which also catches peaks
	 * between samples.
	 * @return bytes
	 */
	long peakRssBytes() {
		if (this.process.isAlive()) {
			ProcessMemory memory = ProcessMemory.of(this.process.pid());
			this.peakRssBytes = Math.max(this.peakRssBytes, Math.max(memory.rssBytes(), memory.hwmBytes()));
		}
		return this.peakRssBytes;
	}

	long peakHeapBytes() {
		return this.peakHeapBytes;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Kills the process with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown hook, no
	 * graceful stop, nothing flushed that was not already written.
	 */
	void kill() throws InterruptedException {
		this.sampling = false;
		this.process.destroyForcibly();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException(this.name + " (pid " + pid() + ") did not die of SIGKILL within 10 s");
		}
	}

	@Override
	public void close() {
		this.sampling = false;
		this.process.toHandle().destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

}
