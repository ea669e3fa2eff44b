package io.assistantsync.api.outbox;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells the relay that rows were committed. Raising is sticky: a signal raised while the relay is busy
 * makes its next wait return at once, so a commit is never missed between two batches.
 */
final class OutboxSignal {

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition raised = this.lock.newCondition();

	private boolean pending;

	void raise() {
		this.lock.lock();
		try {
			this.pending = true;
			this.raised.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until the signal is raised or the timeout passes, and lowers it.
	 * @param timeout the longest wait
	 * @return whether the signal was raised
	 */
	boolean await(Duration timeout) throws InterruptedException {
		this.lock.lock();
		try {
			long nanos = timeout.toNanos();
			while (!this.pending && nanos > 0) {
				nanos = this.raised.awaitNanos(nanos);
			}
			boolean wasRaised = this.pending;
			this.pending = false;
			return wasRaised;
		}
		finally {
			this.lock.unlock();
		}
	}

}
