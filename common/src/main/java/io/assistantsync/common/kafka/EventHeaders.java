package io.assistantsync.common.kafka;

/**
 * Kafka header names of docs/contract.md §3 and §5. CloudEvents 1.0 binary mode uses the {@code ce_}
 * prefix; the {@code x-} headers are readable UTF-8 companions of Spring Kafka's binary headers.
 */
public final class EventHeaders {

	/** CloudEvents spec version, always {@value #SPEC_VERSION_1_0}. */
	public static final String CE_SPECVERSION = "ce_specversion";

	/** CloudEvents id: the event's {@code eventId}. */
	public static final String CE_ID = "ce_id";

	/** CloudEvents source: the writing service, as a URI reference. */
	public static final String CE_SOURCE = "ce_source";

	/** CloudEvents type: the wire name consumers dispatch on, see {@link EventTypes}. */
	public static final String CE_TYPE = "ce_type";

	/** CloudEvents time: when the event occurred, ISO-8601 UTC with milliseconds. */
	public static final String CE_TIME = "ce_time";

	/** CloudEvents subject: the assistant id. */
	public static final String CE_SUBJECT = "ce_subject";

	/** Content type of the value, always {@value #APPLICATION_JSON}. */
	public static final String CONTENT_TYPE = "content-type";

	/** Attempts made so far, as a decimal string, on retry and dead-letter records. */
	public static final String SYNC_ATTEMPTS = "x-sync-attempts";

	/** {@code type: message} of the last failure, at most 1 KiB, on retry and dead-letter records. */
	public static final String SYNC_ERROR = "x-sync-error";

	/** {@code topic/partition/offset} of the dead letter a replayed record came from. */
	public static final String REPLAY_OF = "x-replay-of";

	/** How many times a record has been replayed from the dead-letter topic, as a decimal string. */
	public static final String REPLAY_COUNT = "x-replay-count";

	/** The only CloudEvents spec version written. */
	public static final String SPEC_VERSION_1_0 = "1.0";

	/** The only content type written. */
	public static final String APPLICATION_JSON = "application/json";

	private EventHeaders() {
	}

}
