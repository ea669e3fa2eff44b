package io.assistantsync.worker.dlt.admin;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import io.assistantsync.worker.dlt.Operator;

/**
 * A caller that presented the static ops token: named {@value Operator#ADMIN_API}, with the authority a JWT with
 * scope {@code ops:dlt} has, and the token's fingerprint for the audit event, never the token.
 */
final class OpsTokenAuthentication extends AbstractAuthenticationToken {

	private final String fingerprint;

	OpsTokenAuthentication(String fingerprint) {
		super(AuthorityUtils.createAuthorityList(AdminSecurityConfiguration.OPS_DLT));
		this.fingerprint = fingerprint;
		setAuthenticated(true);
	}

	/**
	 * The fingerprint of the token presented.
	 * @return the first 12 hex digits of its SHA-256
	 */
	String fingerprint() {
		return this.fingerprint;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return Operator.ADMIN_API;
	}

}
