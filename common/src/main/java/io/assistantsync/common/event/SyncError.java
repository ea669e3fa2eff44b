package io.assistantsync.common.event;

/**
 * Why an attempt failed.
 *
 * @param type a stable, short error type (an exception's simple name or a classification)
 * @param message a one-line message, at most 1 KiB
 * @param retryable whether another attempt could succeed
 */
public record SyncError(String type, String message, boolean retryable) {
}
