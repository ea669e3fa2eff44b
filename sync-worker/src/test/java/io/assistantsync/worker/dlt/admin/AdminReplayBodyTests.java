package io.assistantsync.worker.dlt.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.assistantsync.worker.dlt.DeadLetterFilter;
import io.assistantsync.worker.dlt.InvalidFilterException;
import io.assistantsync.worker.dlt.ReplayRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminReplayBodyTests {

	@Test
	void shouldReadEveryField() {
		ReplayRequest request = parse("""
				{"assistantIds": ["a", "b"], "since": "2026-11-25T08:00:00Z", "until": "2026-11-26",
				 "exceptionType": "PermanentSyncException", "limit": 10, "dryRun": true, "fromBeginning": true,
				 "force": true}""").toRequest();

		assertThat(request.filter().assistantIds()).containsExactly("a", "b");
		assertThat(request.filter().since()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
		assertThat(request.filter().until()).isEqualTo(Instant.parse("2026-11-26T00:00:00Z"));
		assertThat(request.filter().exceptionType()).isEqualTo("PermanentSyncException");
		assertThat(request.filter().limit()).isEqualTo(10);
		assertThat(request.dryRun()).isTrue();
		assertThat(request.fromBeginning()).isTrue();
		assertThat(request.force()).isTrue();
		assertThat(request.ratePerSecond()).isNull();
	}

	@Test
	void shouldDefaultAbsentFieldsToNoFilterAndFalse() {
		ReplayRequest request = parse("{}").toRequest();

		assertThat(request.filter()).isEqualTo(new DeadLetterFilter(List.of(), null, null, null, null));
		assertThat(request.dryRun()).isFalse();
		assertThat(request.fromBeginning()).isFalse();
		assertThat(request.force()).isFalse();
	}

	@Test
	void shouldRefuseUnknownFieldsSoThatATypoNeverTurnsADryRunIntoARealOne() {
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> parse("{\"dryrun\": true}"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("dryrun"));
	}

	@Test
	void shouldRefuseAMissingBodyBadJsonAndWrongTypes() {
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> AdminReplayBody.parse(new byte[0]))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("body"));
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> parse("{\"dryRun\": tru"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("body"));
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> parse("[]"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("body"));
		assertThatExceptionOfType(InvalidFilterException.class).isThrownBy(() -> parse("{\"limit\": \"ten\"}"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("limit"));
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> parse("{\"since\": \"yesterday\"}").toRequest())
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("since"));
		assertThatExceptionOfType(InvalidFilterException.class)
			.isThrownBy(() -> parse("{\"limit\": 0}").toRequest())
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("limit"));
	}

	private static AdminReplayBody parse(String json) {
		return AdminReplayBody.parse(json.getBytes(StandardCharsets.UTF_8));
	}

}
