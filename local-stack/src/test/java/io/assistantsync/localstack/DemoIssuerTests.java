package io.assistantsync.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoIssuerTests {

	@TempDir
	Path work;

	@Test
	void shouldWriteADemoProducerTokenOfItsOwnIssuerAndServeItsKeys() throws Exception {
		Path file = this.work.resolve("data/demo-token");
		try (DemoIssuer issuer = DemoIssuer.start(0, file)) {
			String token = issuer.token().value();
			String issuerUri = issuer.environment().get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
			String jwkSetUri = issuer.environment().get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");

			assertThat(Files.readString(file).strip()).isEqualTo(token);
			assertThat(issuer.token().file()).isEqualTo(file);
			assertThat(issuerUri).matches("http://127\\.0\\.0\\.1:\\d+");
			assertThat(jwkSetUri).isEqualTo(issuerUri + "/jwks.json");
			JsonNode claims = JsonMapper.shared()
				.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
			assertThat(claims.get("iss").asString()).isEqualTo(issuerUri);
			assertThat(claims.get("sub").asString()).isEqualTo("demo-producer");
			assertThat(claims.get("scope").asString()).isEqualTo("assistants:read assistants:write");
			assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isBetween(24 * 3600L - 5, 24 * 3600L);
			HttpResponse<String> keys = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(jwkSetUri)).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(keys.statusCode()).isEqualTo(200);
			assertThat(keys.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
		}
	}

}
