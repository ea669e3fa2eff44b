package io.assistantsync.worker.dlt;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeadLetterFilterTests {

	private static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

	@Test
	void shouldMatchEverythingWithoutCriteria() {
		assertThat(DeadLetterFilter.ALL.matches(deadLetter("a", AT, "x.y.PermanentSyncException"))).isTrue();
		assertThat(DeadLetterFilter.ALL.isReached(1_000_000)).isFalse();
	}

	@Test
	void shouldMatchOnlyTheNamedAssistants() {
		DeadLetterFilter filter = new DeadLetterFilter(List.of("a", " b "), null, null, null, null);

		assertThat(filter.matches(deadLetter("a", AT, null))).isTrue();
		assertThat(filter.matches(deadLetter("b", AT, null))).isTrue();
		assertThat(filter.matches(deadLetter("c", AT, null))).isFalse();
		assertThat(filter.matches(deadLetter(null, AT, null))).isFalse();
	}

	@Test
	void shouldTakeSinceInclusiveAndUntilExclusive() {
		DeadLetterFilter filter = new DeadLetterFilter(null, AT, AT.plusSeconds(60), null, null);

		assertThat(filter.matches(deadLetter("a", AT.minusMillis(1), null))).isFalse();
		assertThat(filter.matches(deadLetter("a", AT, null))).isTrue();
		assertThat(filter.matches(deadLetter("a", AT.plusSeconds(59), null))).isTrue();
		assertThat(filter.matches(deadLetter("a", AT.plusSeconds(60), null))).isFalse();
	}

	@Test
	void shouldMatchTheExceptionTypeByQualifiedOrSimpleNameIgnoringCase() {
		DeadLetter permanent = deadLetter("a", AT, "io.assistantsync.worker.sync.PermanentSyncException");

		assertThat(filter("io.assistantsync.worker.sync.PermanentSyncException").matches(permanent)).isTrue();
		assertThat(filter("PermanentSyncException").matches(permanent)).isTrue();
		assertThat(filter("permanentsyncexception").matches(permanent)).isTrue();
		assertThat(filter("SyncException").matches(permanent)).isFalse();
		assertThat(filter("TransientSyncException").matches(permanent)).isFalse();
		assertThat(filter("PermanentSyncException").matches(deadLetter("a", AT, null))).isFalse();
	}

	@Test
	void shouldReachTheLimit() {
		DeadLetterFilter filter = new DeadLetterFilter(null, null, null, null, 2);

		assertThat(filter.isReached(1)).isFalse();
		assertThat(filter.isReached(2)).isTrue();
	}

	@Test
	void shouldRefuseALimitBelowOne() {
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> new DeadLetterFilter(null, null, null, null, -1))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("limit"))
			.satisfies(ex -> assertThat(ex.problem()).isEqualTo("must be at least 1, was -1"));
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> new DeadLetterFilter(null, null, null, null, 0));
	}

	@Test
	void shouldRefuseAnEmptyTimeWindow() {
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> new DeadLetterFilter(null, AT, AT, null, null))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("until"));
	}

	@Test
	void shouldDropBlankCriteriaAndDuplicateIds() {
		DeadLetterFilter filter = new DeadLetterFilter(List.of("a", "a", " "), null, null, "  ", null);

		assertThat(filter.assistantIds()).containsExactly("a");
		assertThat(filter.exceptionType()).isNull();
	}

	@Test
	void shouldReadIsoInstantsOffsetsAndDates() {
		assertThat(IsoInstant.parse("since", "2026-11-25T08:00:00Z")).isEqualTo(AT);
		assertThat(IsoInstant.parse("since", "2026-11-25T08:00:00.5Z")).isEqualTo(AT.plusMillis(500));
		assertThat(IsoInstant.parse("since", "2026-11-25T09:00:00+01:00")).isEqualTo(AT);
		assertThat(IsoInstant.parse("since", "2026-11-25")).isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
		assertThat(IsoInstant.parse("since", " ")).isNull();
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> IsoInstant.parse("since", "2026-11-25T08:00:00"))
			.withMessageContaining("since must be an ISO-8601 instant")
			.withMessageContaining("'2026-11-25T08:00:00'");
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> IsoInstant.parse("until", "yesterday"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("until"));
	}

	@Test
	void shouldDescribeItselfForTheAuditEvent() {
		DeadLetterFilter filter = new DeadLetterFilter(List.of("a"), AT, null, "PermanentSyncException", 5);

		assertThat(filter.toAudited()).satisfies(audited -> {
			assertThat(audited.assistantIds()).containsExactly("a");
			assertThat(audited.since()).isEqualTo(AT);
			assertThat(audited.until()).isNull();
			assertThat(audited.exceptionType()).isEqualTo("PermanentSyncException");
			assertThat(audited.limit()).isEqualTo(5);
		});
	}

	private static DeadLetterFilter filter(String exceptionType) {
		return new DeadLetterFilter(null, null, null, exceptionType, null);
	}

	private static DeadLetter deadLetter(String assistantId, Instant at, String exceptionType) {
		return new DeadLetter("t-dlt", 0, 0, assistantId, null, at, 1, exceptionType, "m", 0, null, Map.of());
	}

}
