package io.assistantsync.api.security;

import io.assistantsync.fixtures.LocalIssuer;

/**
 * The identity provider of this module's security tests: one {@link LocalIssuer} per test JVM, started on
 * first use; its daemon server thread ends with the JVM.
 */
final class TestTokens {

	/** The issuer the API is configured to trust. */
	static final String ISSUER = "https://issuer.assistantsync.test";

	static final LocalIssuer issuer = new LocalIssuer(ISSUER, 0);

	private TestTokens() {
	}

}
