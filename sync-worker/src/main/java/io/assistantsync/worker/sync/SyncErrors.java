package io.assistantsync.worker.sync;

import org.springframework.kafka.support.serializer.DeserializationException;

import io.assistantsync.common.event.SyncError;

/**
 * Turns what a listener threw into the {@link SyncError} of a result and the readable {@code x-sync-error}
 * header: the worker's own classification type and a one-line message with the root cause, at most 1 KiB.
 */
final class SyncErrors {

	static final int MAX_MESSAGE_BYTES = 1024;

	private SyncErrors() {
	}

	static SyncError of(Throwable failure) {
		Throwable cause = significant(failure);
		return new SyncError(cause.getClass().getSimpleName(), truncate(describe(cause)), isRetryable(cause));
	}

	/**
	 * The {@code x-sync-error} header value.
	 * @param failure what the listener threw
	 * @return {@code type: message}, at most 1 KiB of UTF-8
	 */
	static String header(Throwable failure) {
		SyncError error = of(failure);
		return truncate(error.type() + ": " + error.message());
	}

	/**
	 * The first exception in the chain that the worker classified, else the root cause.
	 */
	static Throwable significant(Throwable failure) {
		Throwable root = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientSyncException || cause instanceof PermanentSyncException
					|| cause instanceof StoreUnavailableException || cause instanceof DeserializationException) {
				return cause;
			}
			root = cause;
		}
		return root;
	}

	private static boolean isRetryable(Throwable cause) {
		return !(cause instanceof PermanentSyncException || cause instanceof DeserializationException);
	}

	private static String describe(Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != cause && root.getMessage() != null) {
			message = message + ": " + root.getMessage();
		}
		return message.replaceAll("\\s+", " ").strip();
	}

	private static String truncate(String text) {
		return Utf8Text.truncate(text, MAX_MESSAGE_BYTES);
	}

}
