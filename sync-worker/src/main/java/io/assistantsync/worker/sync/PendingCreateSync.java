package io.assistantsync.worker.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.validation.AssistantRules;
import io.assistantsync.common.validation.FieldViolation;

/**
 * The one path of every pending-create record, whichever topic it comes from: check it, write it into the
 * authoritative store, publish its SYNCED result. The listeners only say what differs: the main topic's
 * batch listener hands each failed record to the retry chain itself, a retry topic's record listener throws
 * it to Spring Kafka.
 * <ul>
 * <li>Each record fails alone: an unreadable or invalid record, or one the store rejects, goes to the
 * {@code failed} callback while the others are written. Records are written with one multi-row upsert; when
 * the store rejects that, one by one, to isolate the rejected ones.</li>
 * <li>An unreachable store fails the whole call with {@link StoreUnavailableException}, before any result:
 * the listener containers retry it in place until the store answers. While the outage lasts, each call
 * only probes the store, without touching the data.</li>
 * <li>SYNCED results are published after the write and awaited, so an offset is committed only after its
 * record's write and result are durable; a result that cannot be published fails the call with
 * {@link ResultPublicationException}, retried in place too.</li>
 * </ul>
 * Failed attempts are reported by {@link FailedAttempts} once their records were forwarded.
 */
@Component
class PendingCreateSync {

	private static final LogAccessor logger = new LogAccessor(PendingCreateSync.class);

	private final AuthoritativeStore store;

	private final StoreOutage outage;

	private final SyncResultPublisher results;

	private final SyncMetrics metrics;

	private final Clock clock;

	PendingCreateSync(AuthoritativeStore store, StoreOutage outage, SyncResultPublisher results, SyncMetrics metrics,
			Clock clock) {
		this.store = store;
		this.outage = outage;
		this.results = results;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Syncs records.
	 * @param records the records, in delivery order
	 * @param failed receives each record that failed alone, with the reason
	 * @throws StoreUnavailableException when the store cannot be reached
	 * @throws ResultPublicationException when a result cannot be published
	 */
	void sync(List<ConsumerRecord<String, PendingCreateDelivery>> records,
			BiConsumer<ConsumerRecord<?, ?>, RuntimeException> failed) {
		List<ConsumerRecord<String, PendingCreateDelivery>> written = write(checked(records, failed), failed);
		this.results.syncedAll(written.stream().map(SyncSubject::of).toList());
		Instant now = this.clock.instant();
		for (ConsumerRecord<String, PendingCreateDelivery> record : written) {
			this.metrics.synced(Duration.between(record.value().event().assistant().createdAt(), now));
			logger.debug(() -> "Synced " + SyncSubject.of(record) + " from " + KafkaUtils.format(record));
		}
	}

	/**
	 * The records whose value was read and meets the contract; the others fail.
	 */
	private List<ConsumerRecord<String, PendingCreateDelivery>> checked(
			List<ConsumerRecord<String, PendingCreateDelivery>> records,
			BiConsumer<ConsumerRecord<?, ?>, RuntimeException> failed) {
		List<ConsumerRecord<String, PendingCreateDelivery>> readable = new ArrayList<>(records.size());
		for (ConsumerRecord<String, PendingCreateDelivery> record : records) {
			DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
					KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logger);
			if (unreadable != null) {
				failed.accept(record, unreadable);
				continue;
			}
			try {
				check(record.value().event());
				readable.add(record);
			}
			catch (InvalidEventException ex) {
				failed.accept(record, ex);
			}
		}
		return readable;
	}

	/**
	 * Checks that an event can be written: a parsed value can still lack a field or break a rule of the
	 * resource, and then no attempt can succeed.
	 * @throws InvalidEventException when it breaks the contract
	 */
	private static void check(AssistantCreationRequested event) {
		if (event.eventId() == null || event.eventId().isBlank() || event.occurredAt() == null
				|| event.assistant() == null) {
			throw new InvalidEventException("A pending-create event needs eventId, occurredAt and assistant");
		}
		if (!event.assistant().id().equals(event.assistantId()) || event.assistant().version() != event.version()) {
			throw new InvalidEventException("Event " + event.eventId() + " names assistant " + event.assistantId()
					+ " v" + event.version() + " but carries " + event.assistant().id() + " v"
					+ event.assistant().version());
		}
		List<FieldViolation> violations = AssistantRules.check(event.assistant());
		if (!violations.isEmpty()) {
			throw new InvalidEventException("Event " + event.eventId() + " carries an invalid assistant: "
					+ violations.stream().map(v -> v.field() + " " + v.message()).toList());
		}
	}

	/**
	 * Writes the records, all at once if the store accepts them all, else one by one.
	 * @return the records that are now in the store
	 */
	private List<ConsumerRecord<String, PendingCreateDelivery>> write(
			List<ConsumerRecord<String, PendingCreateDelivery>> records,
			BiConsumer<ConsumerRecord<?, ?>, RuntimeException> failed) {
		if (records.isEmpty()) {
			return records;
		}
		if (this.outage.isActive()) {
			this.store.probe();
		}
		try {
			List<StoreWrite> writes = records.stream().map(PendingCreateSync::writeOf).toList();
			this.metrics.timeStoreWrite(() -> this.store.upsertAll(writes));
			this.outage.end();
			return records;
		}
		catch (StoreUnavailableException ex) {
			this.outage.begin(ex);
			throw ex;
		}
		catch (RuntimeException rejected) {
			this.outage.end();
			if (records.size() == 1) {
				failed.accept(records.get(0), rejected);
				return List.of();
			}
			logger.debug(rejected, () -> "Batch of " + records.size() + " rejected, writing one by one");
			return writeEach(records, failed);
		}
	}

	private List<ConsumerRecord<String, PendingCreateDelivery>> writeEach(
			List<ConsumerRecord<String, PendingCreateDelivery>> records,
			BiConsumer<ConsumerRecord<?, ?>, RuntimeException> failed) {
		List<ConsumerRecord<String, PendingCreateDelivery>> written = new ArrayList<>(records.size());
		for (ConsumerRecord<String, PendingCreateDelivery> record : records) {
			StoreWrite write = writeOf(record);
			try {
				this.metrics.timeStoreWrite(() -> this.store.upsert(write.assistant(), write.sourceEventId()));
				written.add(record);
			}
			catch (StoreUnavailableException ex) {
				this.outage.begin(ex);
				throw ex;
			}
			catch (RuntimeException ex) {
				failed.accept(record, ex);
			}
		}
		return written;
	}

	private static StoreWrite writeOf(ConsumerRecord<String, PendingCreateDelivery> record) {
		return new StoreWrite(record.value().event().assistant(), record.value().event().eventId());
	}

}
