package io.assistantsync.worker.sync;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A point in the processing of a record after its store write and its result are durable and before its
 * offset is committed. Production does nothing there; tests use it to crash the worker at that point and
 * check that the redelivery is harmless.
 */
@FunctionalInterface
public interface SyncCheckpoint {

	/** The checkpoint that does nothing. */
	SyncCheckpoint NONE = record -> {
	};

	/**
	 * Called after the SYNCED result of a record was acknowledged.
	 * @param record the record
	 */
	void afterResultPublished(ConsumerRecord<?, ?> record);

}
