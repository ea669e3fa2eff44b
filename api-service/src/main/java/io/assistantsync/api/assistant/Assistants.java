package io.assistantsync.api.assistant;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.assistantsync.common.id.AssistantId;

/**
 * Reads assistants for the other features (the sync-events stream).
 */
@Component
public class Assistants {

	private final AssistantStore store;

	Assistants(AssistantStore store) {
		this.store = store;
	}

	/**
	 * Finds an assistant; a malformed id is simply not found.
	 * @param id the id
	 * @return the assistant with its current sync event, if it exists
	 */
	public Optional<TrackedAssistant> find(String id) {
		return AssistantId.isWellFormed(id) ? this.store.find(id) : Optional.empty();
	}

}
