package io.assistantsync.common.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp format of the contract: UTC, ISO-8601, always three fractional digits and {@code Z},
 * e.g. {@code 2026-11-25T08:00:00.120Z}.
 */
public final class Timestamps {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private Timestamps() {
	}

	/**
	 * Formats an instant, truncated to milliseconds.
	 * @param instant the instant
	 * @return the contract's text form
	 */
	public static String format(Instant instant) {
		return FORMAT.format(instant);
	}

	/**
	 * Truncates an instant to the precision the contract keeps, so that stored and published values agree.
	 * @param instant the instant
	 * @return the instant without sub-millisecond digits
	 */
	public static Instant toMillis(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MILLIS);
	}

}
