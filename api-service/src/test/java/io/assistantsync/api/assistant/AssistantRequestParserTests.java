package io.assistantsync.api.assistant;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.assistantsync.api.system.ApiProblems;
import io.assistantsync.common.event.Visibility;
import io.assistantsync.common.validation.FieldViolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AssistantRequestParserTests {

	@Test
	void shouldParseEveryField() {
		AssistantDraft draft = parse("{\"name\":\" Analyst \",\"emoji\":\"🛩️\",\"description\":\"d\",\"category\":\"a-1\","
				+ "\"tags\":[\"x\",\"y\"],\"instructions\":\"i\",\"visibility\":\"PUBLIC\"}");

		assertThat(draft).isEqualTo(new AssistantDraft("Analyst", "🛩️", "d", "a-1", List.of("x", "y"), "i",
				Visibility.PUBLIC));
	}

	@Test
	void shouldTreatNullOptionalFieldsAsAbsent() {
		AssistantDraft draft = parse("{\"name\":\"A\",\"emoji\":\"x\",\"description\":null,\"category\":null,"
				+ "\"tags\":null,\"instructions\":null,\"visibility\":null}");

		assertThat(draft).isEqualTo(new AssistantDraft("A", "x", null, null, List.of(), null, Visibility.PRIVATE));
	}

	@Test
	void shouldNameEveryWrongTypeInsteadOfStoppingAtTheFirst() {
		assertThat(violations("{\"name\":1.9,\"emoji\":5,\"tags\":[true,{}],\"visibility\":false}"))
			.extracting(FieldViolation::field)
			.containsExactly("name", "emoji", "tags[0]", "tags[1]", "visibility");
	}

	@Test
	void shouldNotCoerceNumbersOrBooleansIntoStrings() {
		assertThat(violations("{\"name\":5,\"emoji\":\"x\"}")).singleElement()
			.isEqualTo(new FieldViolation("name", "must be a string, not a number"));
		assertThat(violations("{\"name\":\"A\",\"emoji\":true}")).singleElement()
			.isEqualTo(new FieldViolation("emoji", "must be a string, not a boolean"));
	}

	@Test
	void shouldRejectRepeatedFields() {
		assertThat(violations("{\"name\":\"A\",\"emoji\":\"x\",\"emoji\":\"y\"}")).singleElement()
			.isEqualTo(new FieldViolation("emoji", "appears more than once"));
	}

	@Test
	void shouldEchoUnknownFieldNamesSafely() {
		assertThat(violations("{\"name\":\"A\",\"emoji\":\"x\",\"a\\u0007b\":1}")).extracting(FieldViolation::field)
			.containsExactly("a\uFFFDb");
		assertThat(violations("{\"name\":\"A\",\"emoji\":\"x\",\"" + "f".repeat(150) + "\":1}"))
			.extracting(FieldViolation::field)
			.containsExactly("f".repeat(100) + "…");
	}

	@Test
	void shouldRejectLoneSurrogatesInFieldNamesAndValues() {
		ErrorResponseException name = catchThrowableOfType(ErrorResponseException.class,
				() -> parse("{\"name\":\"A\",\"emoji\":\"x\",\"bad\\ud800\":1}"));
		assertThat(name.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(violations("{\"name\":\"\\ud800\",\"emoji\":\"x\"}")).extracting(FieldViolation::field)
			.containsExactly("name");
	}

	@Test
	void shouldReportABodyThatIsNotAnObject() {
		for (String body : List.of("", "  \n", "[]", "1", "\"s\"", "null", "{", "{} {}", "{\"a\":1,}")) {
			assertThat(violations(body)).as(body).extracting(FieldViolation::field).containsExactly("body");
		}
	}

	private static AssistantDraft parse(String json) {
		return AssistantRequestParser.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static List<FieldViolation> violations(String json) {
		ErrorResponseException ex = catchThrowableOfType(ErrorResponseException.class, () -> parse(json));
		assertThat(ex).as(json).isNotNull();
		assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		return (List<FieldViolation>) ex.getBody().getProperties().get(ApiProblems.ERRORS);
	}

}
