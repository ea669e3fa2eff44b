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

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantDeletionRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.AssistantUpdateRequested;
import io.assistantsync.common.id.AssistantId;
import io.assistantsync.common.validation.AssistantRules;
import io.assistantsync.common.validation.FieldViolation;

/**
 * The one path of every record of the change stream (a create, an update or a delete), whichever topic it comes
 * from: check it, write it into the authoritative store (a snapshot, or a delete's tombstone), publish its SYNCED
 * result. An older or equal version than the stored one changes nothing and is SYNCED all the same. The
 * listeners only say what differs: the main topic's batch listener hands each failed record to the retry chain
 * itself, a retry topic's record listener throws it to Spring Kafka.
 * <ul>
 * <li>Each record fails alone: an unreadable or invalid record, or one the store rejects, goes to the
 * {@code failed} callback while the others are written. Records are written in one transaction; when the store
 * rejects that, one by one, to isolate the rejected ones.</li>
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
			this.metrics.synced(Duration.between(changedAt(record.value().event()), now));
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
	private static void check(AssistantChange event) {
		if (event.eventId() == null || event.eventId().isBlank() || event.occurredAt() == null) {
			throw new InvalidEventException("A change event needs eventId and occurredAt");
		}
		if (event instanceof AssistantDeletionRequested) {
			if (!AssistantId.isWellFormed(event.assistantId()) || event.version() < 2) {
				throw new InvalidEventException("Delete event " + event.eventId() + " names assistant "
						+ event.assistantId() + " v" + event.version() + ": needs a well-formed id and version >= 2");
			}
			return;
		}
		AssistantSnapshot assistant = snapshotOf(event);
		if (assistant == null) {
			throw new InvalidEventException("Event " + event.eventId() + " carries no assistant");
		}
		if (!assistant.id().equals(event.assistantId()) || assistant.version() != event.version()) {
			throw new InvalidEventException("Event " + event.eventId() + " names assistant " + event.assistantId()
					+ " v" + event.version() + " but carries " + assistant.id() + " v" + assistant.version());
		}
		if (event instanceof AssistantUpdateRequested && event.version() < 2) {
			throw new InvalidEventException("Update event " + event.eventId() + " has version " + event.version()
					+ ": an update makes version 2 or later");
		}
		List<FieldViolation> violations = AssistantRules.check(assistant);
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
				this.metrics.timeStoreWrite(() -> this.store.upsert(write));
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
		AssistantChange event = record.value().event();
		if (event instanceof AssistantDeletionRequested) {
			return new StoreWrite.Tombstone(event.assistantId(), event.version(), event.occurredAt(), event.eventId());
		}
		return new StoreWrite.Snapshot(snapshotOf(event), event.eventId());
	}

	/**
	 * The snapshot a create or an update carries.
	 * @return the snapshot, {@code null} for a delete or when it is missing
	 */
	private static AssistantSnapshot snapshotOf(AssistantChange event) {
		if (event instanceof AssistantCreationRequested create) {
			return create.assistant();
		}
		return (event instanceof AssistantUpdateRequested update) ? update.assistant() : null;
	}

	/**
	 * When the change was made: the snapshot's {@code updatedAt} (its {@code createdAt} for a create), or when a
	 * delete was recorded.
	 */
	private static Instant changedAt(AssistantChange event) {
		AssistantSnapshot assistant = snapshotOf(event);
		return (assistant != null) ? assistant.updatedAt() : event.occurredAt();
	}

}
