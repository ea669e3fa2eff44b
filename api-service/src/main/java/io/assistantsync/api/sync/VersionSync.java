package io.assistantsync.api.sync;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import io.assistantsync.api.assistant.AssistantResource;
import io.assistantsync.api.assistant.SyncStatus;
import io.assistantsync.common.event.SyncError;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;

/**
 * Where one version of an assistant stands on its way to the authoritative store, as its history shows it.
 *
 * @param status the latest version's: the assistant's sync status; an older one's: SYNCED or FAILED after its last
 * final result (SYNCED or DEAD_LETTERED), else PENDING
 * @param attempts the latest version's: the assistant's; an older one's: the highest attempt of its results
 * @param lastError the error of the last result that had one, or {@code null}
 * @param results the version's sync results as received, newest first
 */
@Schema(name = "AssistantVersionSync")
record VersionSync(SyncStatus status, int attempts, AssistantResource.LastError lastError,
		@ArraySchema(schema = @Schema(implementation = SyncResult.class,
				description = "A sync-result event (docs/contract.md §3), as received")) List<JsonNode> results) {

	/**
	 * The latest version's: the assistant's own sync state, with the version's results.
	 */
	static VersionSync latest(AssistantResource.Sync sync, List<JsonNode> results) {
		return new VersionSync(sync.status(), sync.attempts(), sync.lastError(), results);
	}

	/**
	 * An older version's, from its own results alone: a newer version's event is the one whose results move the
	 * assistant's state, so this version's never did after it was superseded.
	 * @param outcomes the version's results, newest first, parsed
	 * @param results the same results as received
	 */
	static VersionSync older(List<SyncResult> outcomes, List<JsonNode> results) {
		SyncStatus status = SyncStatus.PENDING;
		int attempts = 0;
		AssistantResource.LastError lastError = null;
		for (SyncResult outcome : outcomes) {
			if (status == SyncStatus.PENDING && outcome.status().isFinal()) {
				status = (outcome.status() == SyncResultStatus.SYNCED) ? SyncStatus.SYNCED : SyncStatus.FAILED;
			}
			attempts = Math.max(attempts, outcome.attempt());
			SyncError error = outcome.error();
			if (lastError == null && error != null) {
				lastError = new AssistantResource.LastError(error.type(), error.message());
			}
		}
		return new VersionSync(status, attempts, lastError, results);
	}

}
