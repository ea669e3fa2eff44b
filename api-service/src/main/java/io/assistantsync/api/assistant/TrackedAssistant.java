package io.assistantsync.api.assistant;

/**
 * An assistant with the pending-create event whose sync results currently count.
 *
 * @param resource the resource
 * @param syncEventId the current pending-create event; a manual re-sync replaces it
 */
public record TrackedAssistant(AssistantResource resource, String syncEventId) {
}
