package io.assistantsync.common.json;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
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

	private static final int CANONICAL_LENGTH = 24;

	/** Digits of year, month, day, hour, minute, second and millisecond, each followed by its separator. */
	private static final int[] WIDTHS = { 4, 2, 2, 2, 2, 2, 3 };

	private static final String SEPARATORS = "--T::.Z";

	private static final long SECONDS_PER_DAY = 86_400;

	/** 0000-01-01T00:00:00Z: before it, and after 9999, the formatter writes signs and longer years. */
	private static final long FIRST_FAST_SECOND = LocalDate.of(0, 1, 1).toEpochDay() * SECONDS_PER_DAY;

	private static final long LAST_FAST_SECOND = (LocalDate.of(10000, 1, 1).toEpochDay() * SECONDS_PER_DAY) - 1;

	private Timestamps() {
	}

	/**
	 * Formats an instant, truncated to milliseconds.
	 * @param instant the instant
	 * @return the contract's text form
	 */
	public static String format(Instant instant) {
		long seconds = instant.getEpochSecond();
		if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
			return FORMAT.format(instant);
		}
		// the formatter's general machinery is a tenth of the worker's CPU per event: years 0-9999 are
		// written directly, digit by digit
		LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, instant.getNano(), ZoneOffset.UTC);
		int[] fields = { time.getYear(), time.getMonthValue(), time.getDayOfMonth(), time.getHour(), time.getMinute(),
				time.getSecond(), time.getNano() / 1_000_000 };
		byte[] text = new byte[CANONICAL_LENGTH];
		int at = 0;
		for (int field = 0; field < fields.length; field++) {
			int value = fields[field];
			for (int i = at + WIDTHS[field] - 1; i >= at; i--) {
				text[i] = (byte) ('0' + value % 10);
				value /= 10;
			}
			at += WIDTHS[field];
			text[at++] = (byte) SEPARATORS.charAt(field);
		}
		return new String(text, StandardCharsets.US_ASCII);
	}

	/**
	 * Reads the contract's form exactly as {@link #format} writes it, e.g. {@code 2026-11-25T08:00:00.120Z}.
	 * Anything else, including valid ISO-8601 in another form, is left to the general parser.
	 * @param text the text
	 * @return the instant, or {@code null} when the text is not in the canonical form or not a valid time
	 */
	public static Instant parseCanonical(String text) {
		if (text.length() != CANONICAL_LENGTH) {
			return null;
		}
		int[] fields = new int[WIDTHS.length];
		int at = 0;
		for (int field = 0; field < fields.length; field++) {
			fields[field] = number(text, at, WIDTHS[field]);
			at += WIDTHS[field];
			if (text.charAt(at++) != SEPARATORS.charAt(field)) {
				return null;
			}
		}
		int year = fields[0];
		int month = fields[1];
		int day = fields[2];
		int hour = fields[3];
		int minute = fields[4];
		int second = fields[5];
		int millis = fields[6];
		if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
				|| minute > 59 || second < 0 || second > 59 || millis < 0) {
			return null;
		}
		if (day > 28 && day > YearMonth.of(year, month).lengthOfMonth()) {
			return null;
		}
		long epochDay = LocalDate.of(year, month, day).toEpochDay();
		return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second,
				millis * 1_000_000L);
	}

	/** The number in {@code width} ASCII digits from {@code offset}, or -1 if one is not a digit. */
	private static int number(String text, int offset, int width) {
		int value = 0;
		for (int i = offset; i < offset + width; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
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
