package io.assistantsync.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start-up in {@code jwt} mode without token settings into one clear line instead of a stack trace.
 */
class MissingJwtSettingsFailureAnalyzer extends AbstractFailureAnalyzer<MissingJwtSettingsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingJwtSettingsException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set the issuer or the JWK set of your identity provider, or ASSISTANTS_SECURITY_MODE=none", cause);
	}

}
