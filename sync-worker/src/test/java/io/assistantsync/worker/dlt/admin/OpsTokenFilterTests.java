package io.assistantsync.worker.dlt.admin;

import java.util.Map;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.worker.dlt.SyncOpsProperties;

import static org.assertj.core.api.Assertions.assertThat;

class OpsTokenFilterTests {

	private static final String TOKEN = "s3cret-token-for-tests-0123456789";

	@Test
	void shouldAnswer404ForEveryAdminPathWhenNoTokenIsConfigured() throws Exception {
		for (String token : new String[] { null, "", "  " }) {
			MockHttpServletResponse response = filter(new OpsTokenFilter(new OpsToken(token)), "/admin/dlt",
					"Bearer " + TOKEN);

			assertThat(response.getStatus()).isEqualTo(404);
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(problem(response)).containsEntry("status", 404)
				.containsEntry("type", "https://assistantsync.io/problems/not-found")
				.containsEntry("instance", "/admin/dlt");
			assertThat(response.getHeader("WWW-Authenticate")).isNull();
		}
	}

	@Test
	void shouldAnswer401WithABearerChallengeWithoutAToken() throws Exception {
		OpsTokenFilter filter = new OpsTokenFilter(new OpsToken(TOKEN));

		for (String authorization : new String[] { null, "", "Bearer", "Bearer   ", "Basic dXNlcjpwYXNz", TOKEN }) {
			MockHttpServletResponse response = filter(filter, "/admin/dlt", authorization);

			assertThat(response.getStatus()).as(authorization).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
			assertThat(response.getContentType()).isEqualTo("application/problem+json");
			assertThat(problem(response)).containsEntry("status", 401)
				.containsEntry("type", "https://assistantsync.io/problems/unauthorized");
		}
	}

	@Test
	void shouldAnswer401ForAWrongTokenWithoutEchoingIt() throws Exception {
		OpsTokenFilter filter = new OpsTokenFilter(new OpsToken(TOKEN));

		for (String wrong : new String[] { TOKEN + "x", TOKEN.substring(1), TOKEN.toUpperCase(), "x" }) {
			MockHttpServletResponse response = filter(filter, "/admin/dlt/replay", "Bearer " + wrong);

			assertThat(response.getStatus()).isEqualTo(401);
			assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer").contains("invalid_token");
			assertThat(response.getContentAsString()).doesNotContain(wrong).doesNotContain(TOKEN);
		}
	}

	@Test
	void shouldPassTheRightTokenOnWithItsFingerprint() throws Exception {
		OpsTokenFilter filter = new OpsTokenFilter(new OpsToken(TOKEN));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/dlt");
		request.addHeader("Authorization", "bearer  " + TOKEN);
		MockFilterChain chain = new MockFilterChain();

		filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(request.getAttribute(OpsTokenFilter.FINGERPRINT_ATTRIBUTE)).isEqualTo(OpsToken.fingerprint(TOKEN))
			.asString()
			.matches("[0-9a-f]{12}");
	}

	@Test
	void shouldFingerprintWithTheStartOfTheSha256() {
		// sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
		assertThat(OpsToken.fingerprint("abc")).isEqualTo("ba7816bf8f01");
		assertThat(new OpsToken(TOKEN).toString()).doesNotContain(TOKEN);
		assertThat(new SyncOpsProperties(TOKEN, "g", 3, java.time.Duration.ofSeconds(1)).toString())
			.doesNotContain(TOKEN);
	}

	private static MockHttpServletResponse filter(OpsTokenFilter filter, String path, String authorization)
			throws ServletException, java.io.IOException {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		if (authorization != null) {
			request.addHeader("Authorization", authorization);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		filter.doFilter(request, response, chain);
		assertThat(chain.getRequest()).as("the request must not reach the handler").isNull();
		return response;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> problem(MockHttpServletResponse response) throws Exception {
		return EventJson.mapper().readValue(response.getContentAsByteArray(), Map.class);
	}

}
