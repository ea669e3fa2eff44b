package io.assistantsync.api.sync;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import io.assistantsync.api.assistant.VersionChange;

/**
 * One page of an assistant's history (docs/contract.md §7), newest version first.
 *
 * @param items the versions
 * @param nextCursor the cursor of the next page, or {@code null} after the oldest version
 */
@Schema(name = "AssistantHistory")
record AssistantHistory(List<Item> items, String nextCursor) {

	/**
	 * One version.
	 *
	 * @param version the version
	 * @param change what it did
	 * @param changedFields the editable fields it set (CREATED) or changed (UPDATED), in the resource's order;
	 * empty for DELETED
	 * @param by the owner id of the caller who made it
	 * @param at when it was accepted
	 * @param sync where it stands on its way to the authoritative store
	 */
	@Schema(name = "AssistantHistoryItem")
	record Item(long version, VersionChange change, List<String> changedFields, String by, Instant at,
			VersionSync sync) {
	}

}
