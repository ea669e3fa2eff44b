package io.assistantsync.api.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the API ({@code assistants.security.*}): in {@code jwt} mode every {@code /api} call needs a
 * bearer token (OAuth 2.0 resource server; issuer and JWK set are Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*}); {@code none} lets anyone in as one owner, for a local
 * run and for tests that are not about security.
 *
 * @param mode {@code jwt} (default) or {@code none}
 * @param cors the browser origins allowed to call the API
 * @param rateLimit how many writes an owner may make
 */
@Validated
@ConfigurationProperties("assistants.security")
public record SecurityProperties(@DefaultValue("jwt") @NotNull Mode mode, @DefaultValue Cors cors,
		@DefaultValue RateLimit rateLimit) {

	/**
	 * How callers are authenticated.
	 */
	public enum Mode {

		/** Bearer tokens (JWT), scopes and owners. */
		JWT,

		/** No authentication: every caller is the owner {@value CurrentOwner#ANONYMOUS}. */
		NONE

	}

	/**
	 * CORS for browser clients, on every endpoint including the event stream.
	 *
	 * @param allowedOrigins origins such as {@code https://app.example.com}; none: no cross-origin calls
	 * @param maxAge how long a browser may cache a preflight answer
	 */
	public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {
	}

	/**
	 * A token bucket per owner for writes (POST, PUT, PATCH, DELETE) in {@code jwt} mode: a write beyond it
	 * answers 429 with {@code Retry-After}, and nothing is stored.
	 *
	 * @param enabled whether writes are limited at all
	 * @param capacity the burst an owner may write at once
	 * @param refillPerSecond writes per second an owner may sustain
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("200") @Min(1) int capacity,
			@DefaultValue("100") @Min(1) int refillPerSecond) {
	}

}
