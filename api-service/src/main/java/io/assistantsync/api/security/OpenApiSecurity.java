package io.assistantsync.api.security;


import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.stereotype.Component;

/**
 * Describes the API's security in its OpenAPI document: a bearer JWT on every operation, the scope each
 * needs, and the 401, 403 and (for writes) 429 problems. The document describes the product in {@code jwt}
 * mode, whatever the mode of the instance serving it.
 */
@Component
class OpenApiSecurity implements OpenApiCustomizer {

	private static final String SCHEME = "bearer";

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		components.addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("bearer")
			.bearerFormat("JWT")
			.description("An OAuth 2.0 access token (JWT) with the scope assistants:read or assistants:write; the "
					+ "event stream also takes it as the access_token query parameter"));
		openApi.setComponents(components);
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			if (path.startsWith("/api/")) {
				item.readOperationsMap().forEach((method, operation) -> secure(method, operation));
			}
		});
	}

	private static void secure(PathItem.HttpMethod method, Operation operation) {
		boolean write = method != PathItem.HttpMethod.GET;
		operation.addSecurityItem(new SecurityRequirement().addList(SCHEME,
				write ? "assistants:write" : "assistants:read"));
		operation.getResponses().addApiResponse("401", problem("No valid bearer token"));
		operation.getResponses().addApiResponse("403", problem("The token lacks the scope of the call"));
		if (write) {
			operation.getResponses().addApiResponse("429",
					problem("The owner wrote faster than its limit; nothing was stored (Retry-After)"));
		}
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
	}

}
