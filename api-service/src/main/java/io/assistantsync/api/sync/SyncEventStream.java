package io.assistantsync.api.sync;

import java.io.IOException;
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
 */
final class SyncEventStream {

	static final String STATE = "state";

	static final String SYNC_RESULT = "sync-result";

	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

	private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

	private final String assistantId;

	private final SseEmitter emitter;

	private final Supplier<Optional<String>> currentSyncEventId;

	private final Set<String> sent = new HashSet<>();

	private final List<StreamedSyncResult> held = new ArrayList<>();

	private String syncEventId;

	private boolean live;

	private boolean closed;

	SyncEventStream(String assistantId, SseEmitter emitter) {
		this(assistantId, emitter, Optional::empty);
	}

	/**
	 * A stream that asks, on each final result, which change event of the assistant is current by then.
	 * @param currentSyncEventId the assistant's current change event, empty when it is unknown
	 */
	SyncEventStream(String assistantId, SseEmitter emitter, Supplier<Optional<String>> currentSyncEventId) {
		this.assistantId = assistantId;
		this.emitter = emitter;
		this.currentSyncEventId = currentSyncEventId;
	}

	String assistantId() {
		return this.assistantId;
	}

	SseEmitter emitter() {
		return this.emitter;
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
		this.live = true;
		if (finalState) {
			complete();
		}
	}

	/**
	 * A result received live for this assistant.
	 */
	synchronized void offer(StreamedSyncResult event) {
		if (this.live) {
			sendResult(event);
		}
		else if (!this.closed) {
			this.held.add(event);
		}
	}

	synchronized void heartbeat() {
		send(SseEmitter.event().comment("heartbeat"));
	}

	synchronized boolean isClosed() {
		return this.closed;
	}

	synchronized void markClosed() {
		this.closed = true;
	}

	private void sendResult(StreamedSyncResult event) {
		if (this.closed || !this.sent.add(event.eventId())) {
			return;
		}
		send(withData(SseEmitter.event().name(SYNC_RESULT).id(event.eventId()), event.json()));
		if (endsStream(event)) {
			complete();
		}
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

	private void send(SseEmitter.SseEventBuilder event) {
		if (this.closed) {
			return;
		}
		try {
			this.emitter.send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away; the emitter's completion callback unsubscribes this stream
			this.closed = true;
			this.emitter.completeWithError(ex);
		}
	}

	private void complete() {
		if (!this.closed) {
			this.closed = true;
			this.emitter.complete();
		}
	}

}
