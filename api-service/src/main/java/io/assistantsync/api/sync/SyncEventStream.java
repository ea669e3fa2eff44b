package io.assistantsync.api.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's sync-events stream. It subscribes to live results before the initial state and the replay
 * are read, holds what arrives meanwhile, and sends every result once (by event id) in the order: state,
 * replay, then live. It completes after the final result of the assistant's current change event at the time
 * that result arrives: a stream opened before an update (or a delete) follows the new version until it is final,
 * and the older version's final result passes through without ending it.
 * <p>
 * The state and the replay are written while the stream starts, before Spring MVC has the emitter, so they
 * only fill its buffer; live results and heartbeats go through the {@link StreamSender}, so that the caller
 * (the per-instance listener, the heartbeat timer) never waits for the client.
 */
final class SyncEventStream {

	static final String STATE = "state";

	static final String SYNC_RESULT = "sync-result";

	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

	private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final String assistantId;

	private final StreamSender sender;

	private final Supplier<Optional<String>> currentSyncEventId;

	private final Set<String> sent = new HashSet<>();

	private final List<StreamedSyncResult> held = new ArrayList<>();

	private String syncEventId;

	private boolean live;

	private boolean closed;

	SyncEventStream(String assistantId, StreamSender sender) {
		this(assistantId, sender, Optional::empty);
	}

	/**
	 * A stream that asks, on each final result, which change event of the assistant is current by then.
	 * @param sender writes to the client
	 * @param currentSyncEventId the assistant's current change event, empty when it is unknown
	 */
	SyncEventStream(String assistantId, StreamSender sender, Supplier<Optional<String>> currentSyncEventId) {
		this.assistantId = assistantId;
		this.sender = sender;
		this.currentSyncEventId = currentSyncEventId;
	}

	String assistantId() {
		return this.assistantId;
	}

	SseEmitter emitter() {
		return this.sender.emitter();
	}

	/**
	 * Sends the state and the results the client has not seen, then goes live.
	 * @param stateJson the resource, as the {@code state} event
	 * @param syncEventId the assistant's current change event
	 * @param finalState whether the state read was final (SYNCED or FAILED)
	 * @param logged every recorded result of the assistant, in order of receipt
	 * @param lastEventId the client's {@code Last-Event-ID}, or {@code null}
	 * @param recent results this instance received lately, maybe not recorded yet
	 */
	synchronized void start(String stateJson, String syncEventId, boolean finalState, List<StreamedSyncResult> logged,
			String lastEventId, Collection<StreamedSyncResult> recent) {
		this.syncEventId = syncEventId;
		if (lastEventId != null && logged.stream().anyMatch((event) -> event.eventId().equals(lastEventId))) {
			for (StreamedSyncResult event : logged) {
				this.sent.add(event.eventId());
				if (event.eventId().equals(lastEventId)) {
					break;
				}
			}
		}
		send(withData(SseEmitter.event().name(STATE), stateJson));
		logged.forEach(this::sendResult);
		recent.forEach(this::sendResult);
		this.held.forEach(this::sendResult);
		this.held.clear();
		if (finalState) {
			complete();
		}
		this.live = true;
	}

	/**
	 * A result received live for this assistant.
	 * @return {@code false} when the client left too many events unread and the stream is dropped
	 */
	synchronized boolean offer(StreamedSyncResult event) {
		if (this.live) {
			return sendResult(event);
		}
		if (!this.closed) {
			this.held.add(event);
		}
		return true;
	}

	synchronized void heartbeat() {
		if (this.live && !this.closed) {
			this.sender.enqueueIfIdle(SseEmitter.event().comment("heartbeat"));
		}
	}

	/**
	 * Ends the stream after what is queued, e.g. on shutdown.
	 */
	synchronized void end() {
		this.closed = true;
		this.sender.enqueueCompletion();
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	synchronized void markClosed() {
		this.closed = true;
	}

	private boolean sendResult(StreamedSyncResult event) {
		if (this.closed || !this.sent.add(event.eventId())) {
			return true;
		}
		if (!send(withData(SseEmitter.event().name(SYNC_RESULT).id(event.eventId()), event.json()))) {
			return false;
		}
		if (endsStream(event)) {
			complete();
		}
		return true;
	}

	private boolean endsStream(StreamedSyncResult event) {
		if (!event.status().isFinal()) {
			return false;
		}
		// a write since the stream started made a newer change event the current one
		this.syncEventId = this.currentSyncEventId.get().orElse(this.syncEventId);
		return event.isFinalFor(this.syncEventId);
	}

	/**
	 * Writes text as {@code data: } lines, one per line of the text. The space after the colon matters: an
	 * SSE client removes one leading space from each data line, so without it a line of pretty-printed
	 * JSON that starts with spaces would lose one.
	 */
	private static SseEmitter.SseEventBuilder withData(SseEmitter.SseEventBuilder event, String text) {
		for (String line : LINE_BREAK.split(text, -1)) {
			event.data(" " + line, UTF8_TEXT);
		}
		return event;
	}

	/**
	 * @return {@code false} when the stream is dropped by this event
	 */
	private boolean send(SseEmitter.SseEventBuilder event) {
		if (this.closed) {
			return true;
		}
		if (!this.live) {
			this.closed = !this.sender.writeNow(event);
			return true;
		}
		if (!this.sender.enqueue(event)) {
			this.closed = true;
			return false;
		}
		return true;
	}

	private void complete() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.live) {
			this.sender.enqueueCompletion();
		}
		else {
			this.sender.completeNow();
		}
	}

}
