package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.assistantsync.api.assistant.AssistantResource.LastError;
import io.assistantsync.api.assistant.AssistantResource.Sync;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.json.EventJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-written JSON of a create is byte for byte what data binding writes: the resource, the pending-create
 * event and the draft whose hash is an Idempotency-Key's fingerprint (so fingerprints stored before still match).
 */
class AssistantJsonTests {

	private static final Instant AT = Instant.parse("2026-11-25T08:00:00.123Z");

	static Stream<AssistantResource> assistants() {
		return Stream.of(
				new AssistantResource("V1StGXR8_Z5jdHi6B-myT", "owner-1", "Flight log analyst", "🛩️",
						"Reads drone flight logs and explains anomalies.", "analysis", List.of("drone", "logs"),
						"You are…", Visibility.PUBLIC, 1, AT, AT, Sync.pending()),
				new AssistantResource("abcdefghijklmnopqrstu", "o", "Only required", "x", null, null, List.of(), null,
						Visibility.PRIVATE, 1, AT, AT.plusMillis(5), Sync.pending()),
				new AssistantResource("abcdefghijklmnopqrst2", null, "\"quoted\" \\ back\nslash \u2028 \uD83D\uDE00",
						"\u202Eevil", "tab\there", "a-b", List.of("😀", "<script>", "\u0001"), "\u0000 nul", Visibility.PRIVATE,
						1, AT, AT, new Sync(SyncStatus.FAILED, 5, new LastError("Store", "refused \"x\""), AT, null)));
	}

	@ParameterizedTest
	@MethodSource("assistants")
	void shouldWriteTheResourceAsDataBindingDoes(AssistantResource assistant) {
		assertThat(AssistantJson.resource(assistant)).isEqualTo(EventJson.mapper().writeValueAsString(assistant));
	}

	@ParameterizedTest
	@MethodSource("assistants")
	void shouldWriteThePendingCreateEventAsDataBindingDoes(AssistantResource assistant) {
		AssistantCreationRequested event = new AssistantCreationRequested("eventIdeventIdeventId", assistant.id(),
				assistant.version(), AT, assistant.snapshot());

		assertThat(new String(AssistantJson.creationRequested(assistant, "eventIdeventIdeventId", AT),
				StandardCharsets.UTF_8))
			.isEqualTo(EventJson.mapper().writeValueAsString(event));
	}

	@ParameterizedTest
	@MethodSource("assistants")
	void shouldWriteTheDraftAsDataBindingDoes(AssistantResource assistant) {
		AssistantDraft draft = AssistantDraft.of(assistant);

		assertThat(new String(draft.canonicalJson(), StandardCharsets.UTF_8))
			.isEqualTo(EventJson.mapper().writeValueAsString(draft));
	}

}
