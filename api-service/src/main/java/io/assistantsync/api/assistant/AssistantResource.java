package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.Visibility;

/**
 * The assistant resource of docs/contract.md §1, as the API writes it.
 *
 * @param id server-generated nanoid
 * @param name trimmed name
 * @param emoji the emoji
 * @param description the description, or {@code null}
 * @param category the category, or {@code null}
 * @param tags the tags
 * @param instructions the instructions, or {@code null}
 * @param visibility the visibility
 * @param version starts at 1
 * @param createdAt when it was accepted
 * @param updatedAt when it last changed
 * @param sync its sync state
 */
@Schema(name = "Assistant")
public record AssistantResource(String id, String ownerId, String name, String emoji, String description, String category,
		List<String> tags, String instructions, Visibility visibility, long version, Instant createdAt,
		Instant updatedAt, Sync sync) {

	/**
	 * The resource without its sync state, as events carry it.
	 * @return the snapshot
	 */
	public AssistantSnapshot snapshot() {
		return new AssistantSnapshot(this.id, this.ownerId, this.name, this.emoji, this.description, this.category, this.tags,
				this.instructions, this.visibility, this.version, this.createdAt, this.updatedAt);
	}

	/**
	 * The same assistant with another sync state.
	 * @param sync the sync state
	 * @return the copy
	 */
	AssistantResource withSync(Sync sync) {
		return new AssistantResource(this.id, this.ownerId, this.name, this.emoji, this.description, this.category,
				this.tags, this.instructions, this.visibility, this.version, this.createdAt, this.updatedAt, sync);
	}

	/**
	 * The same assistant at a new version.
	 * @param draft its editable fields at that version
	 * @param version the version
	 * @param updatedAt when the version was made
	 * @return the new version, PENDING
	 */
	AssistantResource nextVersion(AssistantDraft draft, long version, Instant updatedAt) {
		return new AssistantResource(this.id, this.ownerId, draft.name(), draft.emoji(), draft.description(),
				draft.category(), draft.tags(), draft.instructions(), draft.visibility(), version, this.createdAt,
				updatedAt, Sync.pending());
	}

	/**
	 * Where an assistant stands on its way to the authoritative store.
	 *
	 * @param status the local sync status
	 * @param attempts attempts made so far by the sync worker
	 * @param lastError the last failed attempt's error, or {@code null}
	 * @param lastAttemptAt when the last attempt was reported, or {@code null}
	 * @param syncedAt when it reached the authoritative store, or {@code null}
	 */
	@Schema(name = "AssistantSync")
	public record Sync(SyncStatus status, int attempts, LastError lastError, Instant lastAttemptAt,
			Instant syncedAt) {

		/**
		 * The state of a newly accepted (or re-synced) assistant.
		 * @return PENDING, no attempts, no error
		 */
		static Sync pending() {
			return new Sync(SyncStatus.PENDING, 0, null, null, null);
		}

	}

	/**
	 * The error of a failed attempt.
	 *
	 * @param type a short, stable error type
	 * @param message a one-line message
	 */
	@Schema(name = "AssistantSyncError")
	public record LastError(String type, String message) {
	}

}
