package io.assistantsync.common.event;

/**
 * Who may see an assistant.
 */
public enum Visibility {

	/** Only its owner (the default). */
	PRIVATE,

	/** Everybody. */
	PUBLIC

}
