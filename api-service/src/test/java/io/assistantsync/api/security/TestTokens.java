package io.assistantsync.api.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A local identity provider for tests: an RSA key whose public JWK set is served over HTTP on loopback, and
 * tokens signed with it, good or broken in the ways a real attacker or a misconfigured client would send them.
 * One per test JVM, started on first use; the daemon server thread ends with the JVM.
 */
public final class TestTokens {

	/** The issuer the API is configured to trust. */
	public static final String ISSUER = "https://issuer.assistantsync.test";

	private static final TestTokens INSTANCE = new TestTokens();

	private final RSAKey key;

	private final RSAKey otherKey;

	private final HttpServer server;

	private TestTokens() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
			// an impostor's key with the same key id: a token signed with it must not pass
			this.otherKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] jwks = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/jwks.json", exchange -> {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, jwks.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(jwks);
			}
		});
		this.server.start();
	}

	/**
	 * The URI of the JWK set.
	 * @return {@code http://127.0.0.1:<port>/jwks.json}
	 */
	public static String jwkSetUri() {
		return "http://" + INSTANCE.server.getAddress().getHostString() + ":" + INSTANCE.server.getAddress().getPort()
				+ "/jwks.json";
	}

	/**
	 * A valid token.
	 * @param subject the owner
	 * @param scopes the space-separated scopes
	 * @return the compact JWT
	 */
	public static String token(String subject, String scopes) {
		return token(subject, scopes, claims -> {
		});
	}

	/**
	 * A token with some claims changed.
	 * @param subject the owner
	 * @param scopes the space-separated scopes
	 * @param change changes to the claims of a valid token
	 * @return the compact JWT, signed with the trusted key
	 */
	public static String token(String subject, String scopes, Consumer<JWTClaimsSet.Builder> change) {
		return sign(claims(subject, scopes, change), INSTANCE.key);
	}

	/**
	 * A token that expired a minute ago.
	 */
	public static String expired(String subject, String scopes) {
		return token(subject, scopes, claims -> claims.issueTime(Date.from(Instant.now().minus(Duration.ofHours(1))))
			.expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(1)))));
	}

	/**
	 * A token from another issuer, signed with the trusted key.
	 */
	public static String fromOtherIssuer(String subject, String scopes) {
		return token(subject, scopes, claims -> claims.issuer("https://other-issuer.test"));
	}

	/**
	 * An unsigned token ({@code alg: none}).
	 */
	public static String unsigned(String subject, String scopes) {
		return new PlainJWT(claims(subject, scopes, claims -> {
		})).serialize();
	}

	/**
	 * A token whose scopes were forged: signed by a key that is not the issuer's, with the same key id.
	 */
	public static String forged(String subject, String scopes) {
		return sign(claims(subject, scopes, claims -> {
		}), INSTANCE.otherKey);
	}

	private static JWTClaimsSet claims(String subject, String scopes, Consumer<JWTClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(subject)
			.claim("scope", scopes)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
			.jwtID(UUID.randomUUID().toString());
		change.accept(claims);
		return claims.build();
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
