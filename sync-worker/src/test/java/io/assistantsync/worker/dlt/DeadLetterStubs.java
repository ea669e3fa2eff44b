package io.assistantsync.worker.dlt;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.TimeoutException;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.common.id.IdGenerator;

/**
 * Stand-ins for the dead-letter core in the tests of its entry points (command line, admin API): a browser
 * and a replayer that answer as told without Kafka, and the failure an unreachable Kafka causes.
 */
public final class DeadLetterStubs {

	private static final SyncOpsProperties OPS = new SyncOpsProperties(null, "g", 3, Duration.ofSeconds(1));

	private static final DeadLetterClients CLIENTS = new DeadLetterClients(new KafkaProperties(),
			new TopicsProperties("t", "r", "a", 1, 1), OPS, null);

	private DeadLetterStubs() {
	}

	/**
	 * The failure of a Kafka that did not answer.
	 * @param message the message, as the tool would word it
	 * @return the exception
	 */
	public static KafkaUnavailableException kafkaUnavailable(String message) {
		return new KafkaUnavailableException(message, new TimeoutException("timeout"));
	}

	/**
	 * A browser whose every list fails.
	 * @param failure what each list throws
	 * @return the browser
	 */
	public static DeadLetterBrowser browserFailingWith(RuntimeException failure) {
		return new DeadLetterBrowser(CLIENTS) {

			@Override
			public Listing list(DeadLetterFilter filter, Consumer<DeadLetter> each) {
				throw failure;
			}

		};
	}

	/**
	 * A replayer whose every run reports the same.
	 * @param report what each run returns
	 * @return the replayer
	 */
	public static DeadLetterReplayer replayerReporting(ReplayReport report) {
		return new DeadLetterReplayer(CLIENTS, new ReplayAuditor("a", Clock.systemUTC()), OPS,
				new IdGenerator()) {

			@Override
			public ReplayReport replay(ReplayRequest request, Operator operator) {
				return report;
			}

		};
	}

}
