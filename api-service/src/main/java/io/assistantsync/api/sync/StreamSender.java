package io.assistantsync.api.sync;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Writes one stream's live events to its client off the caller's thread. They wait in a buffer of at most
 * {@code maxPending} events and are written in order, one at a time, by a task on a shared executor; at most
 * one task per stream is queued or running, so a client that does not read holds up one sender thread, never
 * the listener or the other streams. When the buffer is full the client is too slow: its waiting events are
 * discarded and the stream is completed as soon as the write in progress returns.
 * <p>
 * The events written before the emitter is handed to Spring MVC ({@link #writeNow}) only fill the emitter's
 * own buffer, so they do not count: a reconnecting client gets a long replay whatever the bound.
 */
final class StreamSender {

	private final SseEmitter emitter;

	private final Executor executor;

	private final int maxPending;

	private final Deque<Write> pending = new ArrayDeque<>();

	/** A drain task is queued or running. */
	private boolean draining;

	/** Nothing more is accepted: a completion is waiting or done, or a write failed. */
	private boolean closing;

	StreamSender(SseEmitter emitter, Executor executor, int maxPending) {
		this.emitter = emitter;
		this.executor = executor;
		this.maxPending = maxPending;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * Writes on the caller's thread; only for the events of a stream that is starting.
	 * @return {@code false} when the client is gone
	 */
	boolean writeNow(SseEmitter.SseEventBuilder event) {
		try {
			this.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			fail(ex);
			return false;
		}
	}

	/**
	 * Queues an event.
	 * @return {@code false} when the buffer was full and the stream is dropped by this call
	 */
	boolean enqueue(SseEmitter.SseEventBuilder event) {
		boolean overflow;
		boolean schedule;
		synchronized (this) {
			if (this.closing) {
				return true;
			}
			overflow = this.pending.size() >= this.maxPending;
			if (overflow) {
				this.pending.clear();
				this.closing = true;
				this.pending.add(SseEmitter::complete);
			}
			else {
				this.pending.add((emitter) -> emitter.send(event));
			}
			schedule = startDraining();
		}
		drainIf(schedule);
		return !overflow;
	}

	/**
	 * Queues an event unless a write is waiting or in progress, for heartbeats: a stream that is busy needs
	 * none.
	 */
	void enqueueIfIdle(SseEmitter.SseEventBuilder event) {
		synchronized (this) {
			if (this.closing || this.draining) {
				return;
			}
			this.pending.add((emitter) -> emitter.send(event));
			startDraining();
		}
		drainIf(true);
	}

	/**
	 * Completes the stream after the events already queued.
	 */
	void enqueueCompletion() {
		boolean schedule;
		synchronized (this) {
			if (this.closing) {
				return;
			}
			this.closing = true;
			this.pending.add(SseEmitter::complete);
			schedule = startDraining();
		}
		drainIf(schedule);
	}

	/**
	 * Completes the stream on the caller's thread; only for a stream that is starting.
	 */
	void completeNow() {
		synchronized (this) {
			this.closing = true;
		}
		this.emitter.complete();
	}

	/**
	 * How many writes wait.
	 */
	synchronized int pending() {
		return this.pending.size();
	}

	private boolean startDraining() {
		if (this.draining) {
			return false;
		}
		this.draining = true;
		return true;
	}

	private void drainIf(boolean schedule) {
		if (!schedule) {
			return;
		}
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			// shutting down: the stream ends now instead of after its events
			synchronized (this) {
				this.pending.clear();
				this.closing = true;
				this.draining = false;
			}
			this.emitter.complete();
		}
	}

	private void drain() {
		Write next;
		while ((next = nextOrIdle()) != null) {
			try {
				next.to(this.emitter);
			}
			catch (IOException | IllegalStateException ex) {
				fail(ex);
				return;
			}
		}
	}

	private synchronized Write nextOrIdle() {
		Write next = this.pending.poll();
		if (next == null) {
			this.draining = false;
		}
		return next;
	}

	/**
	 * The client went away; the emitter's callbacks unsubscribe the stream.
	 */
	private void fail(Exception ex) {
		synchronized (this) {
			this.pending.clear();
			this.closing = true;
			this.draining = false;
		}
		this.emitter.completeWithError(ex);
	}

	/**
	 * One write to the emitter.
	 */
	@FunctionalInterface
	private interface Write {

		void to(SseEmitter emitter) throws IOException;

	}

}
