package io.assistantsync.api.assistant;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import io.assistantsync.common.event.Visibility;

/**
 * The body of {@code POST /api/assistants}, for the OpenAPI description only: requests are checked field by
 * field by {@link AssistantRequestParser}. Lengths count Unicode code points.
 */
@Schema(name = "AssistantRequest", additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
		description = "Unknown fields are rejected; no type coercion happens.")
record AssistantRequestSchema(
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 100,
				description = "Trimmed; no control characters", example = "Flight log analyst") String name,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = 16,
				description = "No control characters", example = "🛩️") String emoji,
		@Schema(maxLength = 2000, nullable = true, example = "Reads drone flight logs and explains anomalies.") String description,
		@Schema(maxLength = 50, pattern = "^[a-z0-9-]*$", nullable = true, example = "analysis") String category,
		@ArraySchema(maxItems = 20, uniqueItems = true,
				schema = @Schema(minLength = 1, maxLength = 30, example = "drone")) List<String> tags,
		@Schema(maxLength = 20000, nullable = true, example = "You are a careful analyst.") String instructions,
		@Schema(defaultValue = "PRIVATE") Visibility visibility) {
}
