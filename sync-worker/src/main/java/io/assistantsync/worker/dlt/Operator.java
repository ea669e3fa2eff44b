package io.assistantsync.worker.dlt;

import io.assistantsync.common.event.DeadLetterReplayAudited.Actor;

/**
 * Who runs a replay, as its audit event names them: {@code by} in one string, and the {@link Actor} in parts.
 * Each entry point makes its own.
 *
 * @param by the audit event's {@code by}
 * @param actor the audit event's {@code actor}
 */
public record Operator(String by, Actor actor) {

	/** The {@code by} and the actor's name of a call with the static ops token. */
	public static final String ADMIN_API = "admin-api";

	/**
	 * An operator at the command line.
	 * @param osUser the OS user running it, may be blank
	 * @return {@code cli:<user>}, {@code cli:unknown} without one
	 */
	public static Operator commandLine(String osUser) {
		String user = (osUser != null && !osUser.isBlank()) ? osUser : "unknown";
		return new Operator("cli:" + user, new Actor("cli", user, null));
	}

	/**
	 * A caller of the admin API with the static ops token.
	 * @param tokenFingerprint the token's fingerprint, never the token
	 * @return {@value #ADMIN_API}
	 */
	public static Operator opsToken(String tokenFingerprint) {
		return new Operator(ADMIN_API, new Actor(ADMIN_API, ADMIN_API, tokenFingerprint));
	}

	/**
	 * A caller of the admin API with a JWT.
	 * @param subject the token's subject
	 * @return the subject
	 */
	public static Operator jwt(String subject) {
		return new Operator(subject, new Actor(ADMIN_API, subject, null));
	}

}
