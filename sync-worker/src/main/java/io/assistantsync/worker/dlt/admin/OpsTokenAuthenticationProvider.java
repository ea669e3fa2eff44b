package io.assistantsync.worker.dlt.admin;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Accepts the static ops token as a bearer token, compared by {@link OpsToken} in constant time. Anything else
 * is an {@code invalid_token}; when JWTs are accepted too, the JWT provider that follows gets its turn and its
 * verdict is the one the caller sees.
 */
final class OpsTokenAuthenticationProvider implements AuthenticationProvider {

	private final OpsToken token;

	OpsTokenAuthenticationProvider(OpsToken token) {
		this.token = token;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = ((BearerTokenAuthenticationToken) authentication).getToken();
		if (!this.token.matches(presented)) {
			throw new InvalidBearerTokenException("The bearer token is not valid");
		}
		return new OpsTokenAuthentication(OpsToken.fingerprint(presented));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
