package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.List;

/**
 * One version of an assistant, as its history lists it.
 *
 * @param version the version
 * @param change what the version did
 * @param changedFields the editable fields the change set (a create) or changed (an update), in the resource's
 * field order; empty for a delete
 * @param by the owner id of the caller who made the change
 * @param at when the change was accepted
 */
public record AssistantVersion(long version, VersionChange change, List<String> changedFields, String by,
		Instant at) {

	public AssistantVersion {
		changedFields = List.copyOf(changedFields);
	}

}
