package io.assistantsync.api.sync;

import org.junit.jupiter.api.Test;

import io.assistantsync.api.SyncResults;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedSyncResultTests {

	@Test
	void shouldKeepTheValueExactlyAsReceived() {
		SyncResult outcome = SyncResults.retrying("assistant", "source", 2);
		String json = " " + SyncResults.json(outcome).replace(",", ", ") + "\n";

		ReceivedSyncResult result = ReceivedSyncResult.parse(json).orElseThrow();

		assertThat(result.json()).isEqualTo(json);
		assertThat(result.outcome()).isEqualTo(outcome);
		assertThat(result.toEvent()).isEqualTo(
				new StreamedSyncResult(outcome.eventId(), "source", SyncResultStatus.RETRYING, json));
	}

	@Test
	void shouldTolerateFieldsAddedByANewerWorker() {
		String json = SyncResults.json(SyncResults.synced("assistant", "source", 1)).replace("{", "{\"region\":\"eu\",");

		assertThat(ReceivedSyncResult.parse(json)).isPresent();
	}

	@Test
	void shouldRejectValuesItCannotUse() {
		String valid = SyncResults.json(SyncResults.synced("assistant", "source", 1));
		for (String value : new String[] { null, "", "{", "[]", "42", "{}", valid.replace("\"SYNCED\"", "\"DONE\""),
				valid.replace("\"attempt\":1", "\"attempt\":0"), valid.replace("\"assistantId\":\"assistant\"", "\"assistantId\":\" \""),
				valid.replace("\"sourceEventId\":\"source\",", "") }) {
			assertThat(ReceivedSyncResult.parse(value)).as(value).isEmpty();
		}
	}

}
