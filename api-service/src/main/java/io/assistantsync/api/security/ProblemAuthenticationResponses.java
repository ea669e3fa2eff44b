package io.assistantsync.api.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.json.EventJson;

/**
 * 401 and 403 as {@code application/problem+json}: Spring Security's bearer-token handlers set the status and
 * the RFC 6750 {@code WWW-Authenticate} challenge ({@code invalid_token}, {@code insufficient_scope}), this
 * adds the problem body. The detail says what to do, never why a token was rejected: the challenge carries
 * that for the client's developer.
 */
@Component
class ProblemAuthenticationResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler insufficientScope = new BearerTokenAccessDeniedHandler();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		this.challenge.commence(request, response, exception);
		write(response, HttpStatus.UNAUTHORIZED, "Unauthorized",
				"A valid bearer token is required: Authorization: Bearer <JWT>", request);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException, ServletException {
		this.insufficientScope.handle(request, response, exception);
		write(response, HttpStatus.FORBIDDEN, "Forbidden",
				"The token lacks the scope this call needs (assistants:read to read, assistants:write to write)",
				request);
	}

	private static void write(HttpServletResponse response, HttpStatus status, String title, String detail,
			HttpServletRequest request) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", ApiProblems.typeOf(status).toString());
		problem.put("title", title);
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream().write(EventJson.mapper().writeValueAsBytes(problem));
	}

}
