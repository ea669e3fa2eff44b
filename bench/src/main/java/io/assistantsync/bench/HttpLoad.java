package io.assistantsync.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A plain-Java HTTP load generator: one platform thread per keep-alive connection.
 * <ul>
 * <li>Closed loop: each connection sends its next request as soon as the previous one is answered; the
 * throughput is the server's maximum at that concurrency.</li>
 * <li>Open loop: request {@code i} is due at {@code start + i / rate}, whatever happened before; its latency
 * is measured from that intended time, so a stall of the server shows in every request that should have
 * been sent during it (no coordinated omission). Requests still unsent when the run has gone on
 * {@code grace} past its end are given up and counted, with the wait they had so far.</li>
 * </ul>
 */
final class HttpLoad {

	private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(5);

	private final String host;

	private final int port;

	private final byte[] request;

	private final Listener listener;

	/**
	 * @param host the server host
	 * @param port its port
	 * @param request the request bytes, sent as they are
	 * @param listener told about each accepted request, e.g. to match it with its sync result
	 */
	HttpLoad(String host, int port, byte[] request, Listener listener) {
		this.host = host;
		this.port = port;
		this.request = request;
		this.listener = listener;
	}

	LoadResult closedLoop(int connections, Duration warmup, Duration duration) throws InterruptedException {
		return closedLoop(connections, warmup, duration, Window.NONE);
	}

	/**
	 * A closed loop whose measured window (after the warm-up) is also announced to an observer, e.g. to read
	 * the server's CPU time at its start and end.
	 */
	LoadResult closedLoop(int connections, Duration warmup, Duration duration, Window window)
			throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		Thread announcer = started("load-window", () -> {
			parkUntil(measureFrom);
			window.opened();
			parkUntil(end);
			window.closed();
		});
		Recorder latencies = new Recorder(MAX_LATENCY_MICROS, 3);
		AtomicLong completed = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLongArray perSecond = new AtomicLongArray((int) duration.toSeconds() + 2);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			threads.add(started("load-" + c, () -> {
				try (HttpConnection connection = new HttpConnection(this.host, this.port)) {
					while (true) {
						long sent = System.nanoTime();
						if (sent >= end) {
							return;
						}
						boolean ok = exchange(connection, sent);
						long done = System.nanoTime();
						if (sent >= measureFrom && done <= end) {
							count(ok, completed, errors);
							latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (done - sent) / 1000));
							perSecond.incrementAndGet(second(done - measureFrom, perSecond));
						}
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		announcer.join();
		return new LoadResult(completed.get(), errors.get(), 0, duration.toNanos() / 1e9,
				latencies.getIntervalHistogram(), toArray(perSecond));
	}

	LoadResult openLoop(int connections, double rate, Duration duration, Duration grace) throws InterruptedException {
		long interval = (long) (1e9 / rate);
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		long end = start + duration.toNanos();
		long giveUp = end + grace.toNanos();
		Recorder latencies = new Recorder(MAX_LATENCY_MICROS, 3);
		AtomicLong next = new AtomicLong();
		AtomicLong completed = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong unsent = new AtomicLong();
		AtomicLong lastDone = new AtomicLong(end);
		AtomicLongArray perSecond = new AtomicLongArray((int) (duration.toSeconds() + grace.toSeconds()) + 2);
		List<Thread> threads = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			threads.add(started("load-" + c, () -> {
				try (HttpConnection connection = new HttpConnection(this.host, this.port)) {
					while (true) {
						long intended = start + next.getAndIncrement() * interval;
						if (intended >= end) {
							return;
						}
						long now = System.nanoTime();
						while (now < intended) {
							LockSupport.parkNanos(intended - now);
							now = System.nanoTime();
						}
						if (now > giveUp) {
							unsent.incrementAndGet();
							latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (now - intended) / 1000));
							continue;
						}
						boolean ok = exchange(connection, intended);
						long done = System.nanoTime();
						count(ok, completed, errors);
						latencies.recordValue(Math.min(MAX_LATENCY_MICROS, (done - intended) / 1000));
						perSecond.incrementAndGet(second(done - start, perSecond));
						lastDone.accumulateAndGet(done, Math::max);
					}
				}
			}));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		double seconds = (lastDone.get() - start) / 1e9;
		return new LoadResult(completed.get(), errors.get(), unsent.get(), seconds, latencies.getIntervalHistogram(),
				toArray(perSecond));
	}

	private static void parkUntil(long nanoTime) {
		long now = System.nanoTime();
		while (now < nanoTime) {
			LockSupport.parkNanos(nanoTime - now);
			now = System.nanoTime();
		}
	}

	private static Thread started(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private boolean exchange(HttpConnection connection, long intendedNanos) {
		try {
			HttpConnection.Response response = connection.exchange(this.request);
			boolean ok = response.status() >= 200 && response.status() < 300;
			if (ok && this.listener != null) {
				this.listener.accepted(response.location(), intendedNanos);
			}
			return ok;
		}
		catch (IOException | RuntimeException ex) {
			connection.close();
			return false;
		}
	}

	private static void count(boolean ok, AtomicLong completed, AtomicLong errors) {
		if (ok) {
			completed.incrementAndGet();
		}
		else {
			errors.incrementAndGet();
		}
	}

	private static int second(long nanos, AtomicLongArray perSecond) {
		return (int) Math.min(perSecond.length() - 1, Math.max(0, nanos / 1_000_000_000L));
	}

	private static long[] toArray(AtomicLongArray values) {
		long[] array = new long[values.length()];
		for (int i = 0; i < array.length; i++) {
			array[i] = values.get(i);
		}
		return array;
	}

	static Histogram empty() {
		return new Histogram(MAX_LATENCY_MICROS, 3);
	}

	/**
	 * Told when the measured window of a closed loop opens and closes.
	 */
	interface Window {

		/** Hears nothing. */
		Window NONE = new Window() {
		};

		/** The warm-up is over: requests answered from now on count. */
		default void opened() {
		}

		/** The window is over: requests answered from now on do not count. */
		default void closed() {
		}

	}

	/**
	 * Told about each request answered with a 2xx.
	 */
	interface Listener {

		/**
		 * @param location the {@code Location} header
		 * @param intendedNanos when the request was due ({@link System#nanoTime()})
		 */
		void accepted(String location, long intendedNanos);

	}

}
