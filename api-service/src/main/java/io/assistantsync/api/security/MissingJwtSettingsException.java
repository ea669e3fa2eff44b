package io.assistantsync.api.security;

/**
 * {@code jwt} mode without an issuer or a JWK set to check tokens against.
 */
class MissingJwtSettingsException extends IllegalStateException {

	MissingJwtSettingsException() {
		super("assistants.security.mode=jwt needs SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI or "
				+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI (or ASSISTANTS_SECURITY_MODE=none for a "
				+ "local run without authentication)");
	}

}
