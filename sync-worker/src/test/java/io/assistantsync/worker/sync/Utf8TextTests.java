package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8TextTests {

	@Test
	void shouldKeepTextThatFits() {
		assertThat(Utf8Text.truncate("short", 10)).isEqualTo("short");
	}

	@Test
	void shouldCutToTheByteLimitWithAnEllipsis() {
		String cut = Utf8Text.truncate("x".repeat(2000), 1024);
		assertThat(cut).endsWith("...");
		assertThat(cut.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
	}

	@Test
	void shouldNeverCutInsideACharacter() {
		String cut = Utf8Text.truncate("😀".repeat(600), 1024);
		assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
		assertThat(cut.substring(0, cut.length() - 3).codePoints()).allMatch(cp -> cp == "😀".codePointAt(0));
	}

}
