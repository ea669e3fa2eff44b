package io.assistantsync.worker.dlt.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.worker.dlt.Operator;
import io.assistantsync.worker.dlt.SyncOpsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API's Spring Security in front of a stand-in handler, without Kafka: off, the static token, a JWT
 * (from a stub decoder; the real one is in {@link AdminApiSecurityIntegrationTests}), and how each is answered.
 */
class AdminSecurityTests {

	private static final String TOKEN = "s3cret-token-for-tests-0123456789";

	private static final String JWT = "header.claims.signature";

	@Test
	void shouldAnswer404ForEveryAdminPathWhenNoTokenIsConfigured() {
		for (String token : new String[] { null, "", "  " }) {
			run(token, false, (mvc, handler) -> {
				MockHttpServletResponse response = send(mvc, "/admin/dlt", "Bearer " + TOKEN);

				assertThat(response.getStatus()).isEqualTo(404);
				assertThat(response.getContentType()).isEqualTo("application/problem+json");
				assertThat(problem(response)).containsEntry("status", 404)
					.containsEntry("type", "https://assistantsync.io/problems/not-found")
					.containsEntry("instance", "/admin/dlt");
				assertThat(response.getHeader("WWW-Authenticate")).isNull();
				assertThat(handler.caller).as("the request must not reach the handler").hasNullValue();
			});
		}
	}

	@Test
	void shouldAnswer401WithABearerChallengeWithoutAToken() {
		run(TOKEN, true, (mvc, handler) -> {
			for (String authorization : new String[] { null, "", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz",
					TOKEN }) {
				MockHttpServletResponse response = send(mvc, "/admin/dlt", authorization);

				assertThat(response.getStatus()).as(authorization).isEqualTo(401);
				assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
				assertThat(response.getContentType()).isEqualTo("application/problem+json");
				assertThat(problem(response)).containsEntry("status", 401)
					.containsEntry("type", "https://assistantsync.io/problems/unauthorized");
			}
			assertThat(handler.caller).as("the request must not reach the handler").hasNullValue();
		});
	}

	@Test
	void shouldAnswer401ForAWrongTokenWithoutEchoingIt() {
		for (boolean jwts : new boolean[] { false, true }) {
			run(TOKEN, jwts, (mvc, handler) -> {
				for (String wrong : new String[] { TOKEN + "x", TOKEN.substring(1), TOKEN.toUpperCase(), "x",
						"a.b.c" }) {
					MockHttpServletResponse response = send(mvc, "/admin/dlt/replay", "Bearer " + wrong);

					assertThat(response.getStatus()).isEqualTo(401);
					assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
					assertThat(response.getContentAsString()).doesNotContain(wrong).doesNotContain(TOKEN);
				}
				assertThat(handler.caller).as("the request must not reach the handler").hasNullValue();
			});
		}
	}

	@Test
	void shouldPassTheRightTokenOnWithItsFingerprint() {
		run(TOKEN, true, (mvc, handler) -> {
			MockHttpServletResponse response = send(mvc, "/admin/dlt", "bearer  " + TOKEN);

			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(handler.caller.get()).isInstanceOfSatisfying(OpsTokenAuthentication.class,
					caller -> assertThat(caller.fingerprint()).isEqualTo(OpsToken.fingerprint(TOKEN))
						.matches("[0-9a-f]{12}"));
			assertThat(DeadLetterAdminController.operator(handler.caller.get()))
				.isEqualTo(Operator.opsToken(OpsToken.fingerprint(TOKEN)));
		});
	}

	@Test
	void shouldPassAJwtWithTheScopeOnWithItsSubjectAndRefuseOneWithout() {
		run(null, true, (mvc, handler) -> {
			MockHttpServletResponse response = send(mvc, "/admin/dlt", "Bearer " + JWT);

			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(DeadLetterAdminController.operator(handler.caller.get())).isEqualTo(Operator.jwt("alice"));

			MockHttpServletResponse unscoped = send(mvc, "/admin/dlt", "Bearer other." + JWT);
			assertThat(unscoped.getStatus()).isEqualTo(403);
			assertThat(unscoped.getHeader("WWW-Authenticate")).contains("insufficient_scope");
			assertThat(problem(unscoped)).containsEntry("status", 403)
				.containsEntry("type", "https://assistantsync.io/problems/forbidden");
		});
	}

	@Test
	void shouldLeaveEverythingElseOfTheWorkerAlone() {
		run(TOKEN, true, (mvc, handler) -> {
			assertThat(send(mvc, "/actuator/health", null).getStatus()).isEqualTo(200);
			assertThat(handler.caller.get()).isNull();
		});
	}

	@Test
	void shouldFingerprintWithTheStartOfTheSha256() {
		// sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
		assertThat(OpsToken.fingerprint("abc")).isEqualTo("ba7816bf8f01");
		assertThat(new OpsToken(TOKEN).toString()).doesNotContain(TOKEN);
		assertThat(new SyncOpsProperties(TOKEN, "g", 3, Duration.ofSeconds(1)).toString()).doesNotContain(TOKEN);
	}

	private static void run(String token, boolean jwts, Check check) {
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class))
			.withUserConfiguration(AdminSecurityConfiguration.class, Handler.class)
			.withBean(SyncOpsProperties.class, () -> new SyncOpsProperties(token, "g", 3, Duration.ofSeconds(1)));
		if (jwts) {
			runner = runner.withBean(JwtDecoder.class, () -> AdminSecurityTests::decode);
		}
		runner.run(context -> {
			assertThat(context).hasNotFailed();
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
				.addFilters(context.getBean("springSecurityFilterChain", Filter.class))
				.build();
			check.check(mvc, context.getBean(Handler.class));
		});
	}

	// stands in for the issuer's decoder: one token with the scope, one without
	private static Jwt decode(String token) {
		if (!token.endsWith(JWT)) {
			throw new BadJwtException("Malformed token");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("alice")
			.claim("scope", token.equals(JWT) ? "ops:dlt" : "assistants:read")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.build();
	}

	private static MockHttpServletResponse send(MockMvc mvc, String path, String authorization) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.get(path);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> problem(MockHttpServletResponse response) throws Exception {
		return EventJson.mapper().readValue(response.getContentAsByteArray(), Map.class);
	}

	@FunctionalInterface
	interface Check {

		void check(MockMvc mvc, Handler handler) throws Exception;

	}

	/**
	 * Answers every path and remembers who called.
	 */
	@RestController
	static class Handler {

		final AtomicReference<Authentication> caller = new AtomicReference<>();

		@RequestMapping("/**")
		String any(Authentication caller) {
			this.caller.set(caller);
			return "ok";
		}

	}

}
