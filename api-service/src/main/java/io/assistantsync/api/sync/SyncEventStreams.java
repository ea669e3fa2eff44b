package io.assistantsync.api.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.assistantsync.api.assistant.Assistants;

/**
 * The open sync-events streams of this instance, fed by the per-instance listener. Also remembers the
 * results it saw for {@link SseProperties#recentResultsRetention()}: a stream that opens after this
 * instance received a result but before the shared listener (maybe on another instance) recorded it still
 * gets it. Sends a heartbeat comment to every stream at each interval.
 * <p>
 * Live results and heartbeats are only queued here; {@link SseProperties#senderThreads()} threads write them,
 * each stream's in order. A stream whose client leaves more than {@link SseProperties#maxPendingEvents()}
 * unread is dropped (counted in {@code assistants.sse.dropped}); the client reconnects with
 * {@code Last-Event-ID} and gets what it missed from the result log.
 */
@Component
class SyncEventStreams implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(SyncEventStreams.class);

	/** Queued completions are quick; a write to a client that does not read is not worth waiting for. */
	private static final long SENDERS_SHUTDOWN_MILLIS = 2000;

	private final Map<String, Set<SyncEventStream>> streams = new ConcurrentHashMap<>();

	/** Per assistant, an immutable list replaced atomically by {@link Map#compute}. */
	private final Map<String, List<Received>> recent = new ConcurrentHashMap<>();

	private final SseProperties properties;

	private final TaskScheduler scheduler;

	private final Clock clock;

	private volatile ScheduledFuture<?> heartbeats;

	private final Assistants assistants;

	private final ThreadPoolExecutor senders;

	private final Counter dropped;

	SyncEventStreams(SseProperties properties, TaskScheduler scheduler, Clock clock, Assistants assistants,
			MeterRegistry meters) {
		this.assistants = assistants;
		this.properties = properties;
		this.scheduler = scheduler;
		this.clock = clock;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("sync-events-sender-");
		// a thread blocked on a client that does not read must not keep the JVM from exiting
		threads.setDaemon(true);
		// one task per stream at most, so the queue is bounded by the open streams
		this.senders = new ThreadPoolExecutor(properties.senderThreads(), properties.senderThreads(), 1,
				TimeUnit.MINUTES, new LinkedBlockingQueue<>(), threads);
		this.senders.allowCoreThreadTimeOut(true);
		this.dropped = Counter.builder("assistants.sse.dropped")
			.description("Event streams ended because their client left too many events unread")
			.register(meters);
		Gauge.builder("assistants.sse.streams", this, SyncEventStreams::openStreams)
			.description("Open event streams of this instance")
			.register(meters);
	}

	/**
	 * Subscribes a new stream to the live results of an assistant; it holds them until started.
	 */
	SyncEventStream open(String assistantId) {
		SseEmitter emitter = new SseEmitter(this.properties.timeout().toMillis());
		SyncEventStream stream = new SyncEventStream(assistantId,
				new StreamSender(emitter, this.senders, this.properties.maxPendingEvents()),
				() -> this.assistants.currentSyncEventId(assistantId));
		emitter.onCompletion(() -> close(stream));
		emitter.onTimeout(() -> {
			close(stream);
			emitter.complete();
		});
		emitter.onError((ex) -> close(stream));
		this.streams.computeIfAbsent(assistantId, (id) -> ConcurrentHashMap.newKeySet()).add(stream);
		return stream;
	}

	void close(SyncEventStream stream) {
		stream.markClosed();
		this.streams.computeIfPresent(stream.assistantId(), (id, open) -> {
			open.remove(stream);
			return open.isEmpty() ? null : open;
		});
	}

	/**
	 * A result this instance received.
	 */
	void publish(ReceivedSyncResult result) {
		StreamedSyncResult event = result.toEvent();
		Instant now = this.clock.instant();
		this.recent.compute(result.assistantId(), (id, seen) -> {
			List<Received> kept = new ArrayList<>(withinRetention(seen, now));
			kept.add(new Received(event, now));
			return List.copyOf(kept);
		});
		Set<SyncEventStream> open = this.streams.get(result.assistantId());
		if (open != null) {
			open.forEach((stream) -> {
				if (!stream.offer(event)) {
					drop(stream);
				}
			});
		}
	}

	private void drop(SyncEventStream stream) {
		this.dropped.increment();
		log.info("Dropped a sync-events stream of assistant {}: its client left {} events unread; it can reconnect"
				+ " with Last-Event-ID", stream.assistantId(), this.properties.maxPendingEvents());
		close(stream);
	}

	/**
	 * Results of an assistant this instance received within the retention, oldest first.
	 */
	List<StreamedSyncResult> recent(String assistantId) {
		return withinRetention(this.recent.get(assistantId), this.clock.instant()).stream()
			.map(Received::event)
			.toList();
	}

	int openStreams() {
		return this.streams.values().stream().mapToInt(Set::size).sum();
	}

	private void heartbeat() {
		this.streams.values().forEach((open) -> open.forEach(SyncEventStream::heartbeat));
		Instant now = this.clock.instant();
		for (String assistantId : this.recent.keySet()) {
			this.recent.computeIfPresent(assistantId, (id, seen) -> {
				List<Received> kept = withinRetention(seen, now);
				return kept.isEmpty() ? null : kept;
			});
		}
	}

	private List<Received> withinRetention(List<Received> seen, Instant now) {
		if (seen == null) {
			return List.of();
		}
		Instant oldest = now.minus(this.properties.recentResultsRetention());
		return seen.stream().filter((received) -> !received.at().isBefore(oldest)).toList();
	}

	@Override
	public void start() {
		this.heartbeats = this.scheduler.scheduleAtFixedRate(this::heartbeat, this.properties.heartbeatInterval());
	}

	/**
	 * Ends open streams on shutdown, so that clients reconnect (with Last-Event-ID) to another instance.
	 */
	@Override
	public void stop() {
		ScheduledFuture<?> current = this.heartbeats;
		if (current != null) {
			current.cancel(false);
			this.heartbeats = null;
		}
		this.streams.values().forEach((open) -> open.forEach(SyncEventStream::end));
	}

	@Override
	public void destroy() throws InterruptedException {
		this.senders.shutdown();
		if (!this.senders.awaitTermination(SENDERS_SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
			this.senders.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.heartbeats != null;
	}

	private record Received(StreamedSyncResult event, Instant at) {
	}

}
