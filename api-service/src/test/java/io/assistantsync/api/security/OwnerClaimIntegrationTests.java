package io.assistantsync.api.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Machine clients: with {@code spring.security.oauth2.resourceserver.jwt.principal-claim-name=client_id} the
 * owner is the token's {@code client_id}, not its {@code sub}.
 */
@ApiServiceIntegrationTest
class OwnerClaimIntegrationTests {

	@DynamicPropertySource
	static void jwtWithClientIdOwners(DynamicPropertyRegistry registry) {
		registry.add("assistants.security.mode", () -> "jwt");
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.issuer::jwkSetUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.principal-claim-name", () -> "client_id");
	}

	@LocalServerPort
	int port;

	@Test
	void shouldTakeTheOwnerFromTheConfiguredClaim() {
		String token = TestTokens.issuer.token("service-account-7", "assistants:read assistants:write",
				claims -> claims.claim("client_id", "catalogue-importer"));
		ApiTestClient client = new ApiTestClient(this.port);

		HttpResponse<String> created = client.postJson("/api/assistants", SecurityIntegrationTests.BODY,
				"Authorization", "Bearer " + token);

		assertThat(created.statusCode()).isEqualTo(202);
		assertThat(ApiTestClient.json(created).get("ownerId").stringValue()).isEqualTo("catalogue-importer");
		String id = ApiTestClient.json(created).get("id").stringValue();
		String sameSubjectOtherClient = TestTokens.issuer.token("service-account-7", "assistants:read",
				claims -> claims.claim("client_id", "another-client"));
		assertThat(client.get("/api/assistants/" + id, "Authorization", "Bearer " + sameSubjectOtherClient)
			.statusCode()).isEqualTo(404);
	}

}
