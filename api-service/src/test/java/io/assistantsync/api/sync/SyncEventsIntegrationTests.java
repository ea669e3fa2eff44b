package io.assistantsync.api.sync;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SseRecorder;
import io.assistantsync.api.SseRecorder.Event;
import io.assistantsync.api.SyncResults;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.json.EventJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/assistants/{id}/sync-events} (docs/contract.md §2).
 */
@ApiServiceIntegrationTest
class SyncEventsIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	SyncEventStreams streams;

	@Test
	void shouldStreamTheStateThenEachResultForTheAssistantAndEndOnTheFinalOne() {
		String id = create("Streamed 🛰️");
		String other = create("Someone else");
		String eventId = currentEventId(id);
		try (SseRecorder stream = client().sse("/api/assistants/" + id + "/sync-events")) {
			Event state = await().atMost(TIMEOUT).until(() -> stream.events(), (events) -> !events.isEmpty()).get(0);
			assertThat(stream.status()).isEqualTo(200);
			assertThat(stream.contentType()).startsWith("text/event-stream");
			assertThat(state.name()).isEqualTo("state");
			JsonNode resource = EventJson.mapper().readTree(state.data());
			assertThat(resource).isEqualTo(ApiTestClient.json(client().get("/api/assistants/" + id)));
			assertThat(resource.get("name").stringValue()).isEqualTo("Streamed 🛰️");

			SyncResult first = SyncResults.retrying(id, eventId, 1);
			SyncResult second = SyncResults.retrying(id, eventId, 2);
			SyncResult synced = SyncResults.synced(id, eventId, 3);
			send(first);
			send(SyncResults.synced(other, currentEventId(other), 1));
			send(second);
			send(first);
			// a result whose JSON is formatted differently reaches the client exactly as it was sent
			String pretty = SyncResults.json(synced).replace(",\"", ",\n  \"");
			TopicReader.send(SyncResults.record(this.topics.syncResults(), id, pretty));

			await().atMost(TIMEOUT).until(stream::ended);
			List<Event> events = stream.events();
			assertThat(events).extracting(Event::name).containsExactly("state", "sync-result", "sync-result",
					"sync-result");
			assertThat(events.subList(1, 4)).extracting(Event::id)
				.containsExactly(first.eventId(), second.eventId(), synced.eventId());
			assertThat(events.get(1).data()).isEqualTo(SyncResults.json(first));
			assertThat(events.get(2).data()).isEqualTo(SyncResults.json(second));
			assertThat(events.get(3).data()).isEqualTo(pretty);
		}
		await().atMost(TIMEOUT).until(() -> this.streams.openStreams() == 0);
	}

	@Test
	void shouldResumeAfterLastEventIdWithoutRepeats() {
		String id = create("Resumed");
		String eventId = currentEventId(id);
		SyncResult first = SyncResults.retrying(id, eventId, 1);
		SyncResult second = SyncResults.retrying(id, eventId, 2);
		SyncResult third = SyncResults.retrying(id, eventId, 3);
		SyncResult failed = SyncResults.deadLettered(id, eventId, 4);
		send(first);
		send(second);
		awaitRecorded(second.eventId());

		try (SseRecorder resumed = client().sse("/api/assistants/" + id + "/sync-events", "Last-Event-ID",
				first.eventId())) {
			await().atMost(TIMEOUT).until(() -> resumed.events().size() >= 2);
			send(third);
			send(failed);
			await().atMost(TIMEOUT).until(resumed::ended);

			assertThat(resumed.events()).extracting(Event::name)
				.containsExactly("state", "sync-result", "sync-result", "sync-result");
			assertThat(resumed.events().subList(1, 4)).extracting(Event::id)
				.containsExactly(second.eventId(), third.eventId(), failed.eventId());
		}

		// the assistant is FAILED now: a late reconnect gets what it missed and ends at once
		try (SseRecorder late = client().sse("/api/assistants/" + id + "/sync-events", "Last-Event-ID",
				third.eventId())) {
			await().atMost(TIMEOUT).until(late::ended);
			assertThat(late.events()).extracting(Event::name).containsExactly("state", "sync-result");
			assertThat(late.events().get(1).id()).isEqualTo(failed.eventId());
			assertThat(EventJson.mapper().readTree(late.events().get(0).data()).get("sync").get("status").stringValue())
				.isEqualTo("FAILED");
		}

		// without Last-Event-ID: the whole history, then the end
		try (SseRecorder full = client().sse("/api/assistants/" + id + "/sync-events")) {
			await().atMost(TIMEOUT).until(full::ended);
			assertThat(full.events()).extracting(Event::id)
				.containsExactly(null, first.eventId(), second.eventId(), third.eventId(), failed.eventId());
		}
	}

	@Test
	void shouldFollowTheLatestVersionAcrossAnUpdateUntilItIsFinal() {
		String id = create("Followed");
		String first = currentEventId(id);
		try (SseRecorder stream = client().sse("/api/assistants/" + id + "/sync-events")) {
			await().atMost(TIMEOUT).until(() -> !stream.events().isEmpty());
			assertThat(client().send("PUT", "/api/assistants/" + id, "application/json",
					"{\"name\":\"Followed 2\",\"emoji\":\"🛰️\"}", "If-Match", "\"1\"")
				.statusCode()).isEqualTo(202);
			String second = currentEventId(id);

			SyncResult olderSynced = SyncResults.synced(id, first, 1);
			SyncResult newerRetrying = SyncResults.ofVersion(SyncResults.retrying(id, second, 1), 2);
			send(olderSynced);
			send(newerRetrying);
			await().atMost(TIMEOUT).until(() -> stream.events().size() == 3);
			assertThat(stream.ended()).as("the older version's final result does not end the stream").isFalse();

			SyncResult newerSynced = SyncResults.ofVersion(SyncResults.synced(id, second, 2), 2);
			send(newerSynced);
			await().atMost(TIMEOUT).until(stream::ended);
			assertThat(stream.events()).extracting(Event::id)
				.containsExactly(null, olderSynced.eventId(), newerRetrying.eventId(), newerSynced.eventId());
		}
	}

	@Test
	void shouldAnswer404ToANewStreamOfADeletedAssistant() {
		String id = create("Deleted stream");
		assertThat(client().send("DELETE", "/api/assistants/" + id, null, null, "If-Match", "\"1\"").statusCode())
			.isEqualTo(202);

		HttpResponse<String> response = client().get("/api/assistants/" + id + "/sync-events", "Accept",
				"text/event-stream");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void shouldSendHeartbeatsOnAnIdleStream() {
		String id = create("Idle");
		try (SseRecorder stream = client().sse("/api/assistants/" + id + "/sync-events")) {
			await().atMost(Duration.ofSeconds(10)).until(() -> stream.comments().contains("heartbeat"));
			assertThat(stream.ended()).isFalse();
		}
	}

	@Test
	void shouldAnswer404ProblemForAnUnknownAssistant() {
		for (String id : List.of("V1StGXR8_Z5jdHi6B-myT", "nope")) {
			try (SseRecorder stream = client().sse("/api/assistants/" + id + "/sync-events")) {
				await().atMost(TIMEOUT).until(stream::ended);
				assertThat(stream.status()).isEqualTo(404);
				assertThat(stream.contentType()).isEqualTo("application/problem+json");
				assertThat(EventJson.mapper().readTree(stream.body()).get("status").asInt()).isEqualTo(404);
			}
		}
		HttpResponse<String> plain = client().get("/api/assistants/V1StGXR8_Z5jdHi6B-myT/sync-events");
		assertThat(plain.statusCode()).isEqualTo(404);
	}

	private void awaitRecorded(String eventId) {
		await().atMost(TIMEOUT)
			.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM sync_results WHERE event_id = ?", Integer.class,
					eventId) == 1);
	}

	private void send(SyncResult outcome) {
		TopicReader.send(SyncResults.record(this.topics.syncResults(), outcome));
	}

	private String create(String name) {
		return ApiTestClient.json(client().postJson("/api/assistants", "{\"name\":\"" + name + "\",\"emoji\":\"📡\"}"))
			.get("id")
			.stringValue();
	}

	private String currentEventId(String id) {
		return this.jdbc.queryForObject("SELECT sync_event_id FROM assistants WHERE id = ?", String.class, id);
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
