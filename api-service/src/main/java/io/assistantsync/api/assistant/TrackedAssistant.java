package io.assistantsync.api.assistant;

/**
 * An assistant with the change event whose sync results currently count.
 *
 * @param resource the resource, at its latest version
 * @param syncEventId the current change event (create, update or delete); a re-sync replaces it
 * @param deleted whether the latest version is a delete; such an assistant is gone for reads and writes
 */
public record TrackedAssistant(AssistantResource resource, String syncEventId, boolean deleted) {
}
