package io.assistantsync.worker.dlt.admin;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.problem.ProblemType;

/**
 * The admin API's 401, 403 and, while it is off, 404 as {@code application/problem+json}, with the RFC 6750
 * {@code WWW-Authenticate} challenge: plain {@code Bearer} without a token, {@code invalid_token} for a token
 * that did not pass, {@code insufficient_scope} for a JWT without {@code ops:dlt}. Written here rather than by
 * Spring Security's bearer-token handlers because those also name a protected resource metadata document
 * (RFC 9728) that the worker does not serve. Details never repeat a token.
 */
final class AdminProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final String ERROR_URI = "https://tools.ietf.org/html/rfc6750#section-3.1";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
				(exception instanceof OAuth2AuthenticationException oauth) ? challenge(oauth.getError()) : "Bearer");
		write(request, response, AdminProblems.problem(ProblemType.UNAUTHORIZED,
				"This endpoint needs Authorization: Bearer <JWT with scope ops:dlt, or the ops token>"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException, ServletException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge(new OAuth2Error("insufficient_scope",
				"The request requires higher privileges than provided by the access token.", ERROR_URI)));
		write(request, response, AdminProblems.forbidden("The token lacks the scope ops:dlt that the admin API needs"));
	}

	/**
	 * Answers every request with 404, for an admin API that is off.
	 * @return the handler, for anonymous and authenticated callers alike
	 */
	static Off off() {
		return new Off();
	}

	private static String challenge(OAuth2Error error) {
		StringBuilder challenge = new StringBuilder("Bearer error=\"").append(quotable(error.getErrorCode()))
			.append('"');
		if (error.getDescription() != null) {
			challenge.append(", error_description=\"").append(quotable(error.getDescription())).append('"');
		}
		if (error.getUri() != null) {
			challenge.append(", error_uri=\"").append(quotable(error.getUri())).append('"');
		}
		return challenge.toString();
	}

	private static String quotable(String text) {
		return text.replace('"', '\'').replace('\\', '/');
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(EventJson.mapper().writeValueAsBytes(AdminProblems.asJson(problem, request.getRequestURI())));
	}

	/**
	 * The answer of an admin API without an ops token or JWT settings: 404, whatever the token.
	 */
	static final class Off implements AuthenticationEntryPoint, AccessDeniedHandler {

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			write(request, response);
		}

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response,
				AccessDeniedException exception) throws IOException {
			write(request, response);
		}

		private static void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
			AdminProblemResponses.write(request, response, AdminProblems.problem(ProblemType.NOT_FOUND,
					"The admin API is off: neither an ops token (SYNC_OPS_TOKEN) nor a JWT issuer or JWK set "
							+ "(SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI / _JWK_SET_URI) is configured"));
		}

	}

}
