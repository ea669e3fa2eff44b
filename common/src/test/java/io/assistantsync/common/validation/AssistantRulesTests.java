package io.assistantsync.common.validation;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssistantRulesTests {

	@Test
	void shouldAcceptAMinimalAssistant() {
		assertThat(AssistantRules.check("A", "🛩️", null, null, null, null)).isEmpty();
	}

	@Test
	void shouldCountCodePointsNotUtf16Units() {
		String hundredEmoji = "😀".repeat(100);
		assertThat(hundredEmoji.length()).isEqualTo(200);
		assertThat(AssistantRules.check(hundredEmoji, "😀", null, null, null, null)).isEmpty();
		assertThat(AssistantRules.check(hundredEmoji + "😀", "😀", null, null, null, null))
			.extracting(FieldViolation::field)
			.containsExactly("name");
	}

	@Test
	void shouldReportEveryBrokenField() {
		List<FieldViolation> violations = AssistantRules.check("", "x".repeat(17), "d".repeat(2001), "Bad Category",
				List.of("ok", "ok", ""), "i".repeat(20_001));
		assertThat(violations).extracting(FieldViolation::field)
			.containsExactly("name", "emoji", "description", "category", "tags[1]", "tags[2]", "instructions");
	}

	@Test
	void shouldRejectNulLoneSurrogatesAndControlCharacters() {
		assertThat(AssistantRules.check("a\u0000b", "x", null, null, null, null)).extracting(FieldViolation::message)
			.containsExactly("must not contain NUL characters");
		assertThat(AssistantRules.check("a\ud800b", "x", null, null, null, null)).extracting(FieldViolation::field)
			.containsExactly("name");
		assertThat(AssistantRules.check("a", "x\u0007", null, null, null, null)).extracting(FieldViolation::field)
			.containsExactly("emoji");
		assertThat(AssistantRules.check("a", "x", null, null, List.of("t\u001b"), null))
			.extracting(FieldViolation::field)
			.containsExactly("tags[0]");
	}

	@Test
	void shouldAllowLineBreaksAndTabsInLongText() {
		assertThat(AssistantRules.check("a", "x", "line one\nline two\ttab\r\n", null, null, "step 1\nstep 2")).isEmpty();
		assertThat(AssistantRules.check("a", "x", "bell\u0007", null, null, null)).extracting(FieldViolation::field)
			.containsExactly("description");
	}

	@Test
	void shouldLimitTheNumberOfTags() {
		List<String> tags = new java.util.ArrayList<>();
		for (int i = 0; i < 21; i++) {
			tags.add("t" + i);
		}
		assertThat(AssistantRules.check("a", "x", null, null, tags, null)).extracting(FieldViolation::field)
			.containsExactly("tags");
		assertThat(AssistantRules.check("a", "x", null, null, tags.subList(0, 20), null)).isEmpty();
		assertThat(AssistantRules.check("a", "x", null, null, Collections.emptyList(), null)).isEmpty();
	}

	@Test
	void shouldAcceptCategoriesOfLowercaseLettersDigitsAndDashes() {
		assertThat(AssistantRules.check("a", "x", null, "data-analysis-2", null, null)).isEmpty();
		assertThat(AssistantRules.check("a", "x", null, "c".repeat(51), null, null)).hasSize(1);
		assertThat(AssistantRules.check("a", "x", null, "Analysis", null, null)).hasSize(1);
	}

}
