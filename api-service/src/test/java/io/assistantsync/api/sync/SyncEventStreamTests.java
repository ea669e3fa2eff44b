package io.assistantsync.api.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.assistantsync.common.event.SyncResultStatus;

import static org.assertj.core.api.Assertions.assertThat;

class SyncEventStreamTests {

	private static final String CURRENT = "current-event";

	private final RecordingEmitter emitter = new RecordingEmitter();

	/** Live events are written on the caller's thread here, so each test sees them at once. */
	private final SyncEventStream stream = new SyncEventStream("assistant",
			new StreamSender(this.emitter, Runnable::run, 100));

	@Test
	void shouldSendStateThenLoggedThenRecentThenHeldResultsEachOnce() {
		StreamedSyncResult one = result("1", SyncResultStatus.RETRYING);
		StreamedSyncResult two = result("2", SyncResultStatus.RETRYING);
		StreamedSyncResult three = result("3", SyncResultStatus.RETRYING);
		this.stream.offer(two);
		this.stream.offer(three);

		this.stream.start("{\"state\":1}", CURRENT, false, List.of(one), null, List.of(one, two));
		this.stream.offer(three);

		assertThat(this.emitter.ids()).containsExactly(null, "1", "2", "3");
		assertThat(this.emitter.completed).isFalse();
	}

	@Test
	void shouldSkipWhatTheClientHadUpToLastEventId() {
		List<StreamedSyncResult> logged = List.of(result("1", SyncResultStatus.RETRYING),
				result("2", SyncResultStatus.RETRYING), result("3", SyncResultStatus.RETRYING));

		this.stream.start("{}", CURRENT, false, logged, "2", List.of(logged.get(0)));

		assertThat(this.emitter.ids()).containsExactly(null, "3");
	}

	@Test
	void shouldReplayEverythingForAnUnknownLastEventId() {
		List<StreamedSyncResult> logged = List.of(result("1", SyncResultStatus.RETRYING));

		this.stream.start("{}", CURRENT, false, logged, "unknown", List.of());

		assertThat(this.emitter.ids()).containsExactly(null, "1");
	}

	@Test
	void shouldCompleteAfterTheFinalResultOfTheCurrentEventOnly() {
		this.stream.start("{}", CURRENT, false, List.of(), null, List.of());

		this.stream.offer(new StreamedSyncResult("old", "earlier-event", SyncResultStatus.DEAD_LETTERED, "{}"));
		assertThat(this.emitter.completed).isFalse();
		this.stream.offer(result("done", SyncResultStatus.SYNCED));
		this.stream.offer(result("after", SyncResultStatus.RETRYING));

		assertThat(this.emitter.completed).isTrue();
		assertThat(this.emitter.ids()).containsExactly(null, "old", "done");
	}

	@Test
	void shouldFollowTheChangeEventThatIsCurrentWhenAFinalResultArrives() {
		java.util.concurrent.atomic.AtomicReference<String> current = new java.util.concurrent.atomic.AtomicReference<>(
				CURRENT);
		SyncEventStream following = new SyncEventStream("assistant",
				new StreamSender(this.emitter, Runnable::run, 100), () -> java.util.Optional.of(current.get()));
		following.start("{}", CURRENT, false, List.of(), null, List.of());

		// an update made a newer event current before the older one's result came
		current.set("update-event");
		following.offer(result("older", SyncResultStatus.SYNCED));
		assertThat(this.emitter.completed).isFalse();
		following.offer(new StreamedSyncResult("newer", "update-event", SyncResultStatus.SYNCED, "{}"));

		assertThat(this.emitter.completed).isTrue();
		assertThat(this.emitter.ids()).containsExactly(null, "older", "newer");
	}

	@Test
	void shouldCompleteAtOnceWhenTheStateIsAlreadyFinal() {
		this.stream.start("{}", CURRENT, true, List.of(), null, List.of());

		assertThat(this.emitter.completed).isTrue();
		assertThat(this.emitter.ids()).containsExactly((String) null);
	}

	@Test
	void shouldWriteMultiLineDataSoThatClientsRebuildItExactly() {
		this.stream.start("{\n  \"a\": 1\n}", CURRENT, false, List.of(), null, List.of());

		assertThat(this.emitter.text()).isEqualTo("event:state\ndata: {\ndata:   \"a\": 1\ndata: }\n\n");
	}

	@Test
	void shouldReportADropWhenTheClientLeavesTooManyLiveEventsUnread() {
		List<Runnable> writes = new ArrayList<>();
		SyncEventStream slow = new SyncEventStream("assistant", new StreamSender(this.emitter, writes::add, 2));
		slow.start("{}", CURRENT, false, List.of(result("1", SyncResultStatus.RETRYING)), null, List.of());

		assertThat(slow.offer(result("2", SyncResultStatus.RETRYING))).isTrue();
		assertThat(slow.offer(result("3", SyncResultStatus.RETRYING))).isTrue();
		assertThat(slow.offer(result("4", SyncResultStatus.RETRYING))).as("the third unread event").isFalse();
		assertThat(slow.isClosed()).isTrue();
		assertThat(slow.offer(result("5", SyncResultStatus.SYNCED))).as("a dropped stream takes nothing more").isTrue();

		writes.forEach(Runnable::run);
		assertThat(this.emitter.ids()).as("the start, then only the completion").containsExactly(null, "1");
		assertThat(this.emitter.completed).isTrue();
	}

	@Test
	void shouldNotCountTheReplayAgainstTheBufferOfLiveEvents() {
		List<StreamedSyncResult> logged = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			logged.add(result(Integer.toString(i), SyncResultStatus.RETRYING));
		}
		SyncEventStream resumed = new SyncEventStream("assistant",
				new StreamSender(this.emitter, Runnable::run, 2));

		resumed.start("{}", CURRENT, false, logged, null, List.of());

		assertThat(resumed.isClosed()).isFalse();
		assertThat(this.emitter.ids()).hasSize(11);
	}

	@Test
	void shouldLeaveHeartbeatsToTheSenderWithoutQueueingThemBehindPendingEvents() {
		List<Runnable> writes = new ArrayList<>();
		SyncEventStream busy = new SyncEventStream("assistant", new StreamSender(this.emitter, writes::add, 10));
		busy.start("{}", CURRENT, false, List.of(), null, List.of());
		busy.offer(result("1", SyncResultStatus.RETRYING));

		busy.heartbeat();
		writes.forEach(Runnable::run);
		writes.clear();
		busy.heartbeat();
		writes.forEach(Runnable::run);

		assertThat(this.emitter.events).as("state, the result, one heartbeat once idle").hasSize(3);
		assertThat(this.emitter.events.get(2)).startsWith(":heartbeat");
	}

	private static StreamedSyncResult result(String id, SyncResultStatus status) {
		return new StreamedSyncResult(id, CURRENT, status, "{\"eventId\":\"" + id + "\"}");
	}

	static final class RecordingEmitter extends SseEmitter {

		final List<String> events = new ArrayList<>();

		boolean completed;

		@Override
		public void send(SseEventBuilder builder) {
			StringBuilder text = new StringBuilder();
			Set<DataWithMediaType> parts = builder.build();
			for (DataWithMediaType part : parts) {
				text.append(part.getData());
			}
			this.events.add(text.toString());
		}

		@Override
		public void complete() {
			this.completed = true;
		}

		List<String> ids() {
			List<String> ids = new ArrayList<>();
			for (String event : this.events) {
				String id = null;
				for (String line : event.split("\n")) {
					if (line.startsWith("id:")) {
						id = line.substring(3);
					}
				}
				ids.add(id);
			}
			return ids;
		}

		String text() {
			return String.join("", this.events);
		}

	}

}
