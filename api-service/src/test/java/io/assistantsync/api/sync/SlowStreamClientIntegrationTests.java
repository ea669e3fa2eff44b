package io.assistantsync.api.sync;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.api.SseRecorder;
import io.assistantsync.api.SseRecorder.Event;
import io.assistantsync.api.SyncResults;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that opens a sync-events stream and stops reading (a full TCP window) holds up no other stream;
 * once it leaves more than {@code assistants.sse.max-pending-events} results unread it is dropped, and a
 * reconnect with {@code Last-Event-ID} gets the rest from the result log.
 */
@ApiServiceIntegrationTest
class SlowStreamClientIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** Far more than the default buffer of 100 plus what the socket buffers hold at 20 KB each. */
	private static final int RESULTS = 300;

	private static final String PADDING = "x".repeat(20_000);

	private static final Pattern RESULT_ID = Pattern.compile("event:sync-result\nid:(\\S+)\n");

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TopicsProperties topics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SseProperties properties;

	@Test
	void shouldDropAClientThatStopsReadingWhileTheOthersGetTheirResultsPromptly() throws Exception {
		String slowId = create("Never read");
		String promptId = create("Read at once");
		String slowEvent = currentEventId(slowId);
		double droppedBefore = dropped();
		try (Socket slow = new Socket(); SseRecorder prompt = client().sse("/api/assistants/" + promptId + "/sync-events")) {
			// a small window: the server's writes block after a few results
			slow.setReceiveBufferSize(2048);
			slow.connect(new InetSocketAddress("localhost", this.port));
			slow.setSoTimeout((int) TIMEOUT.toMillis());
			OutputStream request = slow.getOutputStream();
			// HTTP/1.0: no chunked framing, the end of the stream is the end of the connection
			request.write(("GET /api/assistants/" + slowId + "/sync-events HTTP/1.0\r\nHost: localhost\r\n"
					+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			request.flush();
			InputStream response = slow.getInputStream();
			String head = readUntil(response, "event:state\n");
			assertThat(head).startsWith("HTTP/1.1 200");
			await().atMost(TIMEOUT).until(() -> !prompt.events().isEmpty());

			List<String> sent = new ArrayList<>();
			@SuppressWarnings("unchecked")
			ProducerRecord<String, byte[]>[] flood = new ProducerRecord[RESULTS];
			for (int attempt = 1; attempt <= RESULTS; attempt++) {
				SyncResult retrying = SyncResults.retrying(slowId, slowEvent, attempt);
				sent.add(retrying.eventId());
				flood[attempt - 1] = SyncResults.record(this.topics.syncResults(), slowId, padded(retrying));
			}
			TopicReader.send(flood);
			await("the slow stream to be dropped").atMost(TIMEOUT).until(() -> dropped() == droppedBefore + 1);

			// the slow client's write is still stuck in its full window, until Tomcat's write timeout (60 s):
			// the other stream does not wait for it
			SyncResult synced = SyncResults.synced(promptId, currentEventId(promptId), 1);
			TopicReader.send(SyncResults.record(this.topics.syncResults(), synced));
			await("the other client's result").atMost(Duration.ofSeconds(10)).until(prompt::ended);
			assertThat(prompt.events()).extracting(Event::id).containsExactly(null, synced.eventId());

			String rest = readToEnd(response);
			List<String> received = resultIds(rest);
			assertThat(received).as("results the slow client got before it was dropped")
				.isNotEmpty()
				.hasSizeLessThan(RESULTS - this.properties.maxPendingEvents());
			String lastSeen = received.get(received.size() - 1);
			await("every result to be recorded").atMost(TIMEOUT)
				.until(() -> this.jdbc.queryForObject("SELECT count(*) FROM sync_results WHERE assistant_id = ?",
						Integer.class, slowId) == RESULTS);

			try (SseRecorder resumed = client().sse("/api/assistants/" + slowId + "/sync-events", "Last-Event-ID",
					lastSeen)) {
				await("the replay of what the slow client missed").atMost(TIMEOUT)
					.until(() -> resumed.events().size() == 1 + RESULTS - received.size());
				List<String> replayed = resumed.events().subList(1, 1 + RESULTS - received.size())
					.stream()
					.map(Event::id)
					.toList();
				List<String> all = new ArrayList<>(received);
				all.addAll(replayed);
				assertThat(all).as("every result once, in order")
					.containsExactlyElementsOf(sent);
			}
		}
	}

	private double dropped() {
		return this.meters.get("assistants.sse.dropped").counter().count();
	}

	private static String padded(SyncResult outcome) {
		String json = SyncResults.json(outcome);
		return json.substring(0, json.length() - 1) + ",\"padding\":\"" + PADDING + "\"}";
	}

	private static List<String> resultIds(String text) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = RESULT_ID.matcher(text);
		while (matcher.find()) {
			ids.add(matcher.group(1));
		}
		return ids;
	}

	private static String readUntil(InputStream in, String marker) throws IOException {
		ByteArrayOutputStream read = new ByteArrayOutputStream();
		while (!read.toString(StandardCharsets.UTF_8).endsWith(marker)) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("the stream ended before " + marker + ": " + read);
			}
			read.write(next);
		}
		return read.toString(StandardCharsets.UTF_8);
	}

	private static String readToEnd(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private String create(String name) {
		return ApiTestClient.json(client().postJson("/api/assistants", "{\"name\":\"" + name + "\",\"emoji\":\"🐢\"}"))
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
