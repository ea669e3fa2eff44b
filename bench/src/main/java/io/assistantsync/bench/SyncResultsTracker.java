package io.assistantsync.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;

/**
 * Reads a sync-results topic from its beginning on a thread of its own and keeps, per assistant, when its
 * first SYNCED result arrived and every result (for the retry timing).
 */
final class SyncResultsTracker implements AutoCloseable {

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread thread;

	private final Map<String, Long> syncedAt = new ConcurrentHashMap<>();

	private final Map<String, Long> syncedOccurredAtMillis = new ConcurrentHashMap<>();

	private final List<Received> all = new CopyOnWriteArrayList<>();

	private final AtomicLong synced = new AtomicLong();

	private final boolean keepAll;

	private volatile boolean running = true;

	private volatile boolean assigned;

	SyncResultsTracker(String bootstrapServers, String topic, boolean keepAll) {
		this.keepAll = keepAll;
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
		config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
		config.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
		this.consumer.subscribe(List.of(topic));
		this.thread = new Thread(this::run, "sync-results-" + topic);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void run() {
		try {
			while (this.running) {
				var records = this.consumer.poll(Duration.ofMillis(50));
				if (!this.consumer.assignment().isEmpty()) {
					this.assigned = true;
				}
				long now = System.nanoTime();
				for (ConsumerRecord<String, byte[]> record : records) {
					SyncResult outcome = EventJson.mapper().readValue(record.value(), SyncResult.class);
					if (this.keepAll) {
						this.all.add(new Received(outcome, now));
					}
					if (outcome.status() == SyncResultStatus.SYNCED
							&& this.syncedAt.putIfAbsent(outcome.assistantId(), now) == null) {
						this.synced.incrementAndGet();
						this.syncedOccurredAtMillis.put(outcome.assistantId(), outcome.occurredAt().toEpochMilli());
					}
				}
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	boolean isAssigned() {
		return this.assigned;
	}

	long synced() {
		return this.synced.get();
	}

	Long syncedAt(String assistantId) {
		return this.syncedAt.get(assistantId);
	}

	/**
	 * When the worker decided SYNCED (its clock, after the store write).
	 * @param assistantId the assistant
	 * @return epoch milliseconds, or {@code null}
	 */
	Long syncedOccurredAtMillis(String assistantId) {
		return this.syncedOccurredAtMillis.get(assistantId);
	}

	Map<String, Long> syncedTimes() {
		return this.syncedAt;
	}

	List<Received> all() {
		return this.all;
	}

	/**
	 * SYNCED results per second between two instants of {@link System#nanoTime()}, in seconds counted from
	 * {@code fromNanos} (so nothing that arrived before it is counted).
	 */
	long[] perSecond(long fromNanos, long toNanos) {
		long[] values = new long[(int) Math.max(1, (toNanos - fromNanos) / 1_000_000_000L + 1)];
		for (long arrived : this.syncedAt.values()) {
			if (arrived >= fromNanos && arrived <= toNanos) {
				values[(int) ((arrived - fromNanos) / 1_000_000_000L)]++;
			}
		}
		return values;
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		this.thread.join(5000);
	}

	/**
	 * A result and when it arrived.
	 *
	 * @param outcome the result
	 * @param receivedNanos {@link System#nanoTime()} at arrival
	 */
	record Received(SyncResult outcome, long receivedNanos) {
	}

}
