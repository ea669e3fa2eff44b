package io.assistantsync.api.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Finds the bearer token in the {@code Authorization} header, and on the event stream alone also in the
 * {@code access_token} query parameter (RFC 6750 §2.3): a browser's {@code EventSource} cannot send headers.
 * Everywhere else a token in the URL is ignored, so it does not end up in more access logs than it must.
 */
final class AccessTokenResolver implements BearerTokenResolver {

	private final BearerTokenResolver header = new DefaultBearerTokenResolver();

	private final DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();

	private final RequestMatcher eventStream;

	AccessTokenResolver(String eventStreamPattern) {
		this.headerOrQuery.setAllowUriQueryParameter(true);
		this.eventStream = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, eventStreamPattern);
	}

	@Override
	public String resolve(HttpServletRequest request) {
		return this.eventStream.matches(request) ? this.headerOrQuery.resolve(request) : this.header.resolve(request);
	}

}
