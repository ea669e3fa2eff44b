package io.assistantsync.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndToEndPhaseTests {

	private static final String STATUS = """
			{"outbox":{"backlog":12,"oldestAgeMs":40},"assistants":{"PENDING":3,"SYNCED":250,"FAILED":0},"kafka":"UP"}
			""";

	@Test
	void shouldReadTheBacklogAndTheSyncedCountFromTheStatusReport() {
		assertThat(EndToEndPhase.number(STATUS, "/outbox/backlog")).hasValue(12);
		assertThat(EndToEndPhase.number(STATUS, "/assistants/SYNCED")).hasValue(250);
	}

	@Test
	void shouldFindNothingInAnAnswerThatIsNotTheStatusReport() {
		assertThat(EndToEndPhase.number("<html>503</html>", "/outbox/backlog")).isEmpty();
		assertThat(EndToEndPhase.number("{\"outbox\":{}}", "/outbox/backlog")).isEmpty();
		assertThat(EndToEndPhase.number("{\"kafka\":\"UP\"}", "/kafka")).isEmpty();
	}

}
