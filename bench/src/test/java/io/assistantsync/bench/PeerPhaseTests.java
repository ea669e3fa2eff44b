package io.assistantsync.bench;

import org.junit.jupiter.api.Test;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.fixtures.SampleAssistants;

import static org.assertj.core.api.Assertions.assertThat;

class PeerPhaseTests {

	@Test
	void shouldSeeAFailedTaskOrConnectorInConnectsStatus() {
		assertThat(PeerPhase.failed("""
				{"name":"sink","connector":{"state":"RUNNING"},"tasks":[{"id":0,"state":"FAILED","trace":"x"}]}
				""")).isTrue();
		assertThat(PeerPhase.failed("{\"name\":\"sink\",\"connector\":{\"state\":\"FAILED\"},\"tasks\":[]}")).isTrue();
	}

	@Test
	void shouldNotMistakeARunningConnectorOrNoAnswerForAFailure() {
		assertThat(PeerPhase.failed("""
				{"name":"sink","connector":{"state":"RUNNING","trace":"FAILED before"},"tasks":[{"id":0,"state":"RUNNING"}]}
				""")).isFalse();
		assertThat(PeerPhase.failed("")).isFalse();
		assertThat(PeerPhase.failed("{\"error_code\":404,\"message\":\"No status found\"}")).isFalse();
	}

	@Test
	void shouldWrapEachAssistantInTheSchemaEnvelope() {
		var envelope = EventJson.mapper().readTree(PeerPhase.envelope(SampleAssistants.assistant()));

		assertThat(envelope.propertyNames()).containsExactly("schema", "payload");
		assertThat(envelope.at("/schema/fields/12/field").asString()).isEqualTo("source_event_id");
		assertThat(envelope.at("/payload/tags").isArray()).isTrue();
	}

}
