package io.assistantsync.api.sync;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StreamSenderTests {

	private final ExecutorService senders = Executors.newFixedThreadPool(2);

	@AfterEach
	void stopSenders() {
		this.senders.shutdownNow();
	}

	@Test
	void shouldWriteEveryQueuedEventInOrderThenComplete() {
		WatchedEmitter emitter = new WatchedEmitter();
		StreamSender sender = new StreamSender(emitter, this.senders, 1000);

		for (int i = 0; i < 500; i++) {
			assertThat(sender.enqueue(event(i))).isTrue();
		}
		sender.enqueueCompletion();
		assertThat(sender.enqueue(event(500))).as("accepted and ignored after the completion").isTrue();

		await().atMost(Duration.ofSeconds(10)).until(() -> emitter.completed);
		assertThat(emitter.written).hasSize(500);
		for (int i = 0; i < 500; i++) {
			assertThat(emitter.written.get(i)).contains("id:" + i + "\n");
		}
	}

	@Test
	void shouldKeepOtherStreamsFlowingWhileOneClientDoesNotReadAndDropItOnceItsBufferIsFull() {
		CountDownLatch unblock = new CountDownLatch(1);
		WatchedEmitter stuck = new WatchedEmitter(unblock);
		WatchedEmitter reading = new WatchedEmitter();
		StreamSender slow = new StreamSender(stuck, this.senders, 3);
		StreamSender normal = new StreamSender(reading, this.senders, 100);

		slow.enqueue(event(0));
		await().atMost(Duration.ofSeconds(5)).until(() -> stuck.inWrite);
		assertThat(slow.enqueue(event(1))).isTrue();
		assertThat(slow.enqueue(event(2))).isTrue();
		assertThat(slow.enqueue(event(3))).isTrue();
		for (int i = 0; i < 20; i++) {
			assertThat(normal.enqueue(event(i))).isTrue();
		}
		await("the other stream's events, on the other sender thread").atMost(Duration.ofSeconds(5))
			.until(() -> reading.written.size() == 20);

		assertThat(slow.enqueue(event(4))).as("a fourth event waiting: the client is too slow").isFalse();
		assertThat(slow.pending()).as("only the completion waits").isEqualTo(1);
		assertThat(stuck.completed).as("not while the write is stuck").isFalse();
		unblock.countDown();

		await().atMost(Duration.ofSeconds(5)).until(() -> stuck.completed);
		assertThat(stuck.written).as("the write in progress, nothing queued after it").hasSize(1);
	}

	@Test
	void shouldStopAfterAFailedWriteAndCompleteWithTheError() {
		WatchedEmitter gone = new WatchedEmitter();
		gone.failFrom = 2;
		StreamSender sender = new StreamSender(gone, Runnable::run, 10);

		sender.enqueue(event(0));
		sender.enqueue(event(1));
		sender.enqueue(event(2));

		assertThat(gone.written).hasSize(1);
		assertThat(gone.error).isInstanceOf(IOException.class);
		assertThat(sender.pending()).isZero();
	}

	@Test
	void shouldCompleteAtOnceWhenTheSendersAreShutDown() {
		WatchedEmitter emitter = new WatchedEmitter();
		StreamSender sender = new StreamSender(emitter, (task) -> {
			throw new RejectedExecutionException("shut down");
		}, 10);

		sender.enqueue(event(0));

		assertThat(emitter.completed).isTrue();
		assertThat(emitter.written).isEmpty();
	}

	private static SseEmitter.SseEventBuilder event(int id) {
		return SseEmitter.event().name(SyncEventStream.SYNC_RESULT).id(Integer.toString(id)).data("{}");
	}

	/**
	 * Records writes from any thread; optionally blocks its first write until released, as a socket whose
	 * client does not read, or fails from a given write on, as a client that went away.
	 */
	static final class WatchedEmitter extends SseEmitter {

		final List<String> written = new CopyOnWriteArrayList<>();

		private final CountDownLatch release;

		volatile boolean inWrite;

		volatile boolean completed;

		volatile Throwable error;

		int failFrom = Integer.MAX_VALUE;

		WatchedEmitter() {
			this(new CountDownLatch(0));
		}

		WatchedEmitter(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public void send(SseEventBuilder builder) throws IOException {
			if (this.written.size() + 1 >= this.failFrom) {
				throw new IOException("Broken pipe");
			}
			this.inWrite = true;
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			List<String> parts = new ArrayList<>();
			for (DataWithMediaType part : builder.build()) {
				parts.add(part.getData().toString());
			}
			this.written.add(String.join("", parts));
		}

		@Override
		public void complete() {
			this.completed = true;
		}

		@Override
		public void completeWithError(Throwable ex) {
			this.error = ex;
		}

	}

}
