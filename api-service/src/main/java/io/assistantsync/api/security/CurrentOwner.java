package io.assistantsync.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The owner of the current request: the authenticated principal's name, which for a JWT is its {@code sub}
 * claim, or the claim named by {@code spring.security.oauth2.resourceserver.jwt.principal-claim-name} (e.g.
 * {@code client_id}); {@value #ANONYMOUS} when security is off.
 */
@Component
public class CurrentOwner {

	/** The one owner of every assistant while {@code assistants.security.mode=none}. */
	public static final String ANONYMOUS = "anonymous";

	/**
	 * The current request's owner.
	 * @return the owner id, never blank
	 */
	public String id() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated() || authentication.getName() == null
				|| authentication.getName().isBlank()) {
			return ANONYMOUS;
		}
		return authentication.getName();
	}

}
