package io.assistantsync.api.assistant;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssistantCursorTests {

	@Test
	void shouldRoundTripAsAnOpaqueUrlSafeToken() {
		AssistantCursor cursor = new AssistantCursor(Instant.parse("2026-11-25T08:00:00.123Z"), "V1StGXR8_Z5jdHi6B-myT");

		String token = cursor.encode();

		assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain("V1StGXR8");
		assertThat(AssistantCursor.decode(token)).isEqualTo(cursor);
	}

	@Test
	void shouldRejectTokensItDidNotMake() {
		assertThat(AssistantCursor.decode("not base64!")).isNull();
		assertThat(AssistantCursor.decode("")).isNull();
		assertThat(AssistantCursor.decode(encode("1:123"))).isNull();
		assertThat(AssistantCursor.decode(encode("1:abc:V1StGXR8_Z5jdHi6B-myT"))).isNull();
		assertThat(AssistantCursor.decode(encode("2:123:V1StGXR8_Z5jdHi6B-myT"))).isNull();
		assertThat(AssistantCursor.decode(encode("1:123:' OR 1=1 --"))).isNull();
		assertThat(AssistantCursor.decode(encode("1:99999999999999999:V1StGXR8_Z5jdHi6B-myT"))).isNull();
	}

	private static String encode(String plain) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes());
	}

}
