package io.assistantsync.localstack;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The service processes of the stack: started together, ready together, stopped together (all of them are
 * asked to stop at once, so the slowest graceful shutdown sets the pace, not the sum).
 */
final class ServiceGroup implements AutoCloseable {

	/** Longer than the services' own graceful shutdown phases (up to 30 s). */
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

	private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

	private final List<ServiceProcess> services;

	private final PrintStream out;

	private ServiceGroup(List<ServiceProcess> services, PrintStream out) {
		this.services = services;
		this.out = out;
	}

	/**
	 * Launches every service.
	 * @param specs what to launch
	 * @param javaOptions JVM options of each process
	 * @param logging where and how much they log
	 * @param out where their console output and the launcher's messages go
	 * @return the running group
	 */
	static ServiceGroup start(List<ServiceSpec> specs, List<String> javaOptions, ServiceLogging logging,
			PrintStream out) {
		List<ServiceProcess> services = new ArrayList<>();
		ServiceGroup group = new ServiceGroup(services, out);
		try {
			for (ServiceSpec spec : specs) {
				List<String> options = new ArrayList<>(javaOptions);
				options.addAll(logging.javaOptions(spec.name()));
				services.add(ServiceProcess.start(spec, options, out));
			}
		}
		catch (LocalStackException ex) {
			group.close();
			throw ex;
		}
		return group;
	}

	/**
	 * Waits until every readiness probe answers 200.
	 * @param timeout the longest wait
	 * @throws LocalStackException when a service exits first or the time is up
	 */
	void awaitReady(Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		Set<ServiceProcess> waiting = new LinkedHashSet<>(this.services);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		while (!waiting.isEmpty()) {
			for (ServiceProcess service : List.copyOf(waiting)) {
				if (!service.isAlive()) {
					throw new LocalStackException(service.name() + " exited with code " + service.exitValue()
							+ " before it was ready (its log is above)");
				}
				if (service.isReady(http)) {
					waiting.remove(service);
					this.out.printf("%s is ready on %s (%.1f s)%n", service.name(), service.spec().baseUrl(),
							(System.nanoTime() - start) / 1e9);
				}
			}
			if (!waiting.isEmpty() && System.nanoTime() > deadline) {
				ServiceProcess late = waiting.iterator().next();
				throw new LocalStackException(late.name() + " was not ready within " + timeout.toSeconds() + " s ("
						+ late.spec().readinessUrl() + " did not answer 200; its log is above)."
						+ " Allow more time with LOCAL_STACK_READY_TIMEOUT_SECONDS");
			}
			pause();
		}
	}

	/**
	 * Completes when the first service exits, for whatever reason.
	 * @return the service that exited
	 */
	CompletableFuture<ServiceProcess> firstExit() {
		return CompletableFuture
			.anyOf(this.services.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new))
			.thenApply(ServiceProcess.class::cast);
	}

	@Override
	public void close() {
		this.services.forEach(ServiceProcess::requestStop);
		this.services.forEach((service) -> service.awaitStop(STOP_TIMEOUT));
	}

	@Override
	public String toString() {
		return describe(this.services, ServiceProcess::name);
	}

	/**
	 * Names things in a sentence: {@code a}, {@code a and b}, {@code a, b and c}.
	 * @param items the things
	 * @param name how to name one
	 * @param <T> their type
	 * @return the text
	 */
	static <T> String describe(List<T> items, Function<T, String> name) {
		List<String> names = items.stream().map(name).toList();
		if (names.size() <= 1) {
			return String.join("", names);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
	}

	private static void pause() {
		try {
			Thread.sleep(POLL_INTERVAL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new LocalStackException("interrupted while waiting for the services to become ready");
		}
	}

}
