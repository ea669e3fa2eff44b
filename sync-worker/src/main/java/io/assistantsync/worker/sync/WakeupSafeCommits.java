package io.assistantsync.worker.sync;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer whose synchronous commits survive a {@link Consumer#wakeup() wakeup}. Spring Kafka wakes a
 * polling consumer when one of its partitions is resumed, which for a retry topic happens whenever a waiting
 * record falls due. Its container also retries, right after a poll and still counted as polling, the commits
 * that a rebalance refused; a wakeup landing in that commit throws out of the poll and drops the records it
 * had just returned, although the consumer's position has already moved past them. The next record's commit
 * then covers them: they are never processed (seen as lost retries in the chaos run's rebalance). A wakeup
 * only asks the consumer thread to look at its pause and resume requests, which it does on every pass of its
 * loop, so a commit it interrupted is simply made again.
 */
final class WakeupSafeCommits implements InvocationHandler {

	private static final Logger logger = LoggerFactory.getLogger(WakeupSafeCommits.class);

	/** More wakeups than this in a row during one commit are passed on. */
	private static final int MAX_WAKEUPS = 5;

	private final Consumer<?, ?> consumer;

	private WakeupSafeCommits(Consumer<?, ?> consumer) {
		this.consumer = consumer;
	}

	/**
	 * Wraps a consumer.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param consumer the consumer the listener container would use
	 * @return the same consumer, whose {@code commitSync} methods are made again after a wakeup
	 */
	@SuppressWarnings("unchecked")
	static <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
		return (Consumer<K, V>) Proxy.newProxyInstance(WakeupSafeCommits.class.getClassLoader(),
				new Class<?>[] { Consumer.class }, new WakeupSafeCommits(consumer));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		boolean commit = method.getName().equals("commitSync");
		for (int wakeups = 0;; wakeups++) {
			try {
				return method.invoke(this.consumer, args);
			}
			catch (InvocationTargetException ex) {
				Throwable cause = ex.getCause();
				if (!(commit && cause instanceof WakeupException) || wakeups >= MAX_WAKEUPS) {
					throw cause;
				}
				logger.debug("A wakeup interrupted a commit; committing again");
			}
		}
	}

}
