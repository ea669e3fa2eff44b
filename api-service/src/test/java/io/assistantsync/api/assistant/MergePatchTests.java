package io.assistantsync.api.assistant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.assistantsync.common.json.EventJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of RFC 7396, appendix A, that matter for flat documents, plus a nested one.
 */
class MergePatchTests {

	@Test
	void shouldReplaceAddAndRemoveMembers() {
		assertMerged("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerged("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}");
		assertMerged("{\"a\":\"b\"}", "{\"a\":null}", "{}");
		assertMerged("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}");
		assertMerged("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}");
		assertMerged("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}");
		assertMerged("{\"a\":[1,2]}", "{\"a\":[3]}", "{\"a\":[3]}");
		assertMerged("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}");
		assertMerged("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}");
	}

	@Test
	void shouldReplaceTheWholeDocumentWithANonObjectPatch() {
		assertMerged("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]");
		assertMerged("{\"a\":\"foo\"}", "\"bar\"", "\"bar\"");
	}

	@Test
	void shouldLeaveTheTargetUntouched() {
		JsonNode target = read("{\"a\":\"b\"}");
		MergePatch.apply(target, read("{\"a\":null}"));
		assertThat(target).isEqualTo(read("{\"a\":\"b\"}"));
	}

	private static void assertMerged(String target, String patch, String expected) {
		assertThat(MergePatch.apply(read(target), read(patch))).as(patch).isEqualTo(read(expected));
	}

	private static JsonNode read(String json) {
		return EventJson.mapper().readTree(json);
	}

}
