package io.assistantsync.common.kafka;

/**
 * The {@code ce_type} wire names of the events, versioned: a breaking change to a value gets a new
 * name, so consumers in any language can dispatch on the header alone.
 */
public final class EventTypes {

	/** {@link io.assistantsync.common.event.AssistantCreationRequested}. */
	public static final String PENDING_CREATE_V1 = "assistant.pending-create.v1";

	/** {@link io.assistantsync.common.event.AssistantUpdateRequested}. */
	public static final String PENDING_UPDATE_V1 = "assistant.pending-update.v1";

	/** {@link io.assistantsync.common.event.AssistantDeletionRequested}. */
	public static final String PENDING_DELETE_V1 = "assistant.pending-delete.v1";

	/** {@link io.assistantsync.common.event.SyncResult}. */
	public static final String SYNC_RESULT_V1 = "assistant.sync-result.v1";

	/** {@link io.assistantsync.common.event.DeadLetterReplayAudited}. */
	public static final String DLT_REPLAY_V1 = "ops.dlt-replay.v1";

	private EventTypes() {
	}

}
