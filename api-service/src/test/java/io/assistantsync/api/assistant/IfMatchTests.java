package io.assistantsync.api.assistant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IfMatchTests {

	@Test
	void shouldMatchAStrongTagOfTheCurrentVersionAnywhereInTheList() {
		assertThat(IfMatch.parse("\"3\"").matches(3)).isTrue();
		assertThat(IfMatch.parse("\"1\", \"3\"").matches(3)).isTrue();
		assertThat(IfMatch.parse("\"1\",\"3\" ,\"4\"").matches(3)).isTrue();
		assertThat(IfMatch.parse("\"1\", \"2\"").matches(3)).isFalse();
	}

	@Test
	void shouldMatchAnyVersionWithAStar() {
		assertThat(IfMatch.parse(" * ").matches(42)).isTrue();
	}

	@Test
	void shouldNeverMatchAWeakTag() {
		assertThat(IfMatch.parse("W/\"3\"").matches(3)).isFalse();
		assertThat(IfMatch.parse("W/\"3\", \"3\"").matches(3)).isTrue();
	}

	@Test
	void shouldMatchNothingWhenTheHeaderIsNotAListOfEntityTags() {
		for (String malformed : new String[] { "3", "\"3", "\"3\"x", "\"3\" \"3\"", "", "*, \"3\"" }) {
			assertThat(IfMatch.parse(malformed).matches(3)).as(malformed).isFalse();
		}
	}

	@Test
	void shouldQuoteTheVersionAsTheEntityTag() {
		assertThat(IfMatch.entityTag(7)).isEqualTo("\"7\"");
	}

}
