package io.assistantsync.worker.dlt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code since} and {@code until} filters: an ISO-8601 instant ({@code 2026-11-25T08:00:00Z}), a
 * date-time with an offset ({@code 2026-11-25T09:00:00+01:00}) or a date ({@code 2026-11-25}, midnight
 * UTC). A date-time without zone is refused: it would mean a different instant on every machine.
 */
public final class IsoInstant {

	private IsoInstant() {
	}

	/**
	 * Parses a filter instant.
	 * @param field the option or field name, for the message
	 * @param text the text
	 * @return the instant, or {@code null} for blank text
	 * @throws InvalidFilterException when the text is none of the accepted forms
	 */
	public static Instant parse(String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String value = text.strip();
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException notOffsetDateTime) {
			try {
				return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notDate) {
				throw new InvalidFilterException(field, "must be an ISO-8601 instant such as 2026-11-25T08:00:00Z, "
						+ "a date-time with an offset or a date, was '" + value + "'");
			}
		}
	}

}
