package io.assistantsync.api.assistant;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of the newest-first list.
 *
 * @param items the assistants, newest first
 * @param nextCursor the token for the next page, or {@code null} on the last page
 */
@Schema(name = "AssistantPage")
public record AssistantPage(List<AssistantResource> items,
		@Schema(nullable = true, description = "Opaque; pass as ?cursor= for the next page") String nextCursor) {
}
