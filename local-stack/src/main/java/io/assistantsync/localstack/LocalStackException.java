package io.assistantsync.localstack;

/**
 * A failure to start the local stack that the user can act on. Its message is the one line printed on
 * stderr, so it names the cause and what to do, never a stack trace.
 */
final class LocalStackException extends RuntimeException {

	LocalStackException(String message) {
		super(message);
	}

	/**
	 * The first line of the deepest cause's message: driver and broker exceptions wrap the useful part.
	 * @param failure the failure to describe
	 * @return a one-line description
	 */
	static String describe(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return message.lines().findFirst().orElse(message).strip();
	}

}
