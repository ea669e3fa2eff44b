package io.assistantsync.worker.dlt.admin;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.problem.ProblemType;

/**
 * Guards every {@code /admin} path, whether or not a handler exists for it: with no ops token configured the
 * admin API is off and answers 404; otherwise a request needs {@code Authorization: Bearer <token>} and gets
 * 401 with {@code WWW-Authenticate: Bearer} without it or with a wrong one. The token is compared by
 * {@link OpsToken} in constant time and never logged or echoed; the handler gets its fingerprint for the
 * audit event.
 */
class OpsTokenFilter extends OncePerRequestFilter {

	/** The request attribute holding the fingerprint of an accepted token. */
	static final String FINGERPRINT_ATTRIBUTE = "io.assistantsync.worker.dlt.admin.OpsTokenFilter.fingerprint";

	private static final String BEARER = "bearer ";

	private final OpsToken token;

	OpsTokenFilter(OpsToken token) {
		this.token = token;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.token.isConfigured()) {
			reject(request, response, AdminProblems.problem(ProblemType.NOT_FOUND,
					"The admin API is off: no ops token is configured (SYNC_OPS_TOKEN)"), null);
			return;
		}
		String presented = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (presented == null) {
			reject(request, response, unauthorized("This endpoint needs Authorization: Bearer <ops token>"),
					"Bearer");
			return;
		}
		if (!this.token.matches(presented)) {
			reject(request, response, unauthorized("The bearer token is not valid"),
					"Bearer error=\"invalid_token\"");
			return;
		}
		request.setAttribute(FINGERPRINT_ATTRIBUTE, OpsToken.fingerprint(presented));
		chain.doFilter(request, response);
	}

	private static String bearerToken(String authorization) {
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.isEmpty() ? null : token;
	}

	private static ProblemDetail unauthorized(String detail) {
		return AdminProblems.problem(ProblemType.UNAUTHORIZED, detail);
	}

	private static void reject(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
			String challenge) throws IOException {
		response.setStatus(problem.getStatus());
		if (challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(EventJson.mapper().writeValueAsBytes(AdminProblems.asJson(problem, request.getRequestURI())));
	}

}
