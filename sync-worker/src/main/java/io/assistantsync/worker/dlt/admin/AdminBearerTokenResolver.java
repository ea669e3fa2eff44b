package io.assistantsync.worker.dlt.admin;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Finds the bearer token of an admin API call in the {@code Authorization} header only, as the admin API always
 * did: the scheme in any case, spaces around the token ignored, any characters in it. Spring Security's default
 * resolver takes only RFC 6750 {@code token68} characters, which would turn a static ops token with, say, a
 * {@code !} in it into a malformed request. No header, another scheme or an empty token: no token, so the
 * caller gets a plain {@code Bearer} challenge.
 */
final class AdminBearerTokenResolver implements BearerTokenResolver {

	private static final String BEARER = "bearer ";

	@Override
	public String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() <= BEARER.length()
				|| !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			return null;
		}
		String token = authorization.substring(BEARER.length()).strip();
		return token.isEmpty() ? null : token;
	}

}
