package io.assistantsync.api.assistant;

/**
 * What a version of an assistant did (docs/contract.md §7, the history's {@code change}).
 */
public enum VersionChange {

	/** Version 1: the assistant was created. */
	CREATED,

	/** A PUT or PATCH changed its editable fields. */
	UPDATED,

	/** A DELETE removed it; its last version. */
	DELETED

}
