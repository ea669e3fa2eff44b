package io.assistantsync.common.json;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampsTests {

	private static final DateTimeFormatter GENERAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	@Test
	void shouldFormatAndParseLikeTheGeneralFormatterAcrossTheFourDigitYears() {
		SplittableRandom random = new SplittableRandom(20261125);
		long first = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
		long last = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochMilli(random.nextLong(first, last + 1)).plusNanos(random.nextInt(1_000_000));
			String text = Timestamps.format(instant);
			assertThat(text).isEqualTo(GENERAL.format(instant));
			assertThat(Timestamps.parseCanonical(text)).isEqualTo(instant.truncatedTo(ChronoUnit.MILLIS))
				.isEqualTo(Instant.parse(text));
		}
	}

	@Test
	void shouldFormatTheEdgesOfTheFastRangeAndBeyond() {
		assertThat(Timestamps.format(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00.000Z");
		assertThat(Timestamps.format(Instant.parse("9999-12-31T23:59:59.999999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
		assertThat(Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z")))
			.isEqualTo(GENERAL.format(Instant.parse("+10000-01-01T00:00:00Z")));
		assertThat(Timestamps.format(Instant.parse("-0001-12-31T23:59:59Z")))
			.isEqualTo(GENERAL.format(Instant.parse("-0001-12-31T23:59:59Z")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-25T08:00:00Z", "2026-11-25T08:00:00.12Z", "2026-11-25T08:00:00.1200Z",
			"2026-11-25T08:00:00.120+01:00", "2026-11-25 08:00:00.120Z", "2026-02-29T08:00:00.120Z",
			"2026-04-31T08:00:00.120Z", "2026-13-01T08:00:00.120Z", "2026-11-25T24:00:00.000Z",
			"2026-11-25T08:60:00.000Z", "2026-11-25T08:00:60.000Z", "2026-11-25T08:00:00.1a0Z", "+026-11-25T08:00:00.120Z",
			"2026-00-25T08:00:00.120Z", "2026-11-00T08:00:00.120Z", "" })
	void shouldLeaveEveryOtherFormAndEveryInvalidTimeToTheGeneralParser(String text) {
		assertThat(Timestamps.parseCanonical(text)).isNull();
	}

	@Test
	void shouldAcceptTheLeapDayOfALeapYear() {
		assertThat(Timestamps.parseCanonical("2028-02-29T23:59:59.999Z"))
			.isEqualTo(Instant.parse("2028-02-29T23:59:59.999Z"));
	}

}
