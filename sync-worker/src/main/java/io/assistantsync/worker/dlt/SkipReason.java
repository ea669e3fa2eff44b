package io.assistantsync.worker.dlt;

/**
 * Why a replay left a matching dead letter alone. Records that do not match the filters are not skipped,
 * they are only counted.
 */
public enum SkipReason {

	/** An earlier replay took it; {@code --from-beginning} takes it again. */
	ALREADY_REPLAYED("already-replayed", "an earlier replay took it; --from-beginning takes it again"),

	/** It was replayed as often as the loop guard allows; {@code --force} overrides. */
	LOOP_GUARD("loop-guard", "replayed %d times already, the limit is %d; --force overrides"),

	/** Kafka did not acknowledge its replay; a later replay takes it again. */
	SEND_FAILED("send-failed", "Kafka did not acknowledge the replay: %s");

	private final String code;

	private final String description;

	SkipReason(String code, String description) {
		this.code = code;
		this.description = description;
	}

	/**
	 * The reason as printed, returned and counted in the audit event.
	 * @return e.g. {@code loop-guard}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * A sentence for the operator.
	 * @param arguments the values the description names
	 * @return the description
	 */
	String describe(Object... arguments) {
		return String.format(this.description, arguments);
	}

}
