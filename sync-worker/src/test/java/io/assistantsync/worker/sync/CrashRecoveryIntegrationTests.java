package io.assistantsync.worker.sync;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.worker.SyncWorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker dies after a record's store write and result are durable but before its offset is committed:
 * after a restart the record is delivered again, and the redelivery creates no second row and publishes a
 * result with the same id.
 */
@SyncWorkerIntegrationTest
@Import(CrashRecoveryIntegrationTests.CrashOnce.class)
class CrashRecoveryIntegrationTests {

	@Autowired
	TopicsProperties topics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	@Qualifier(PendingCreateBatchListener.ID)
	MessageListenerContainer main;

	@Test
	void shouldRedeliverHarmlesslyAfterACrashBeforeTheOffsetCommit() {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		CrashOnce.victims.add(event.assistantId());
		MessageListenerContainer main = this.main;
		try (TopicReader results = new TopicReader(this.topics.syncResults())) {
			TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));

			await().atMost(Duration.ofSeconds(60)).until(() -> !main.isRunning());
			assertThat(rows(event.assistantId())).isEqualTo(1);

			main.start();

			List<SyncResult> synced = results
				.await(r -> event.assistantId().equals(r.key()), 2, Duration.ofSeconds(60))
				.stream()
				.map(SyncResults::parse)
				.toList();
			assertThat(synced).extracting(SyncResult::status).containsOnly(SyncResultStatus.SYNCED);
			assertThat(synced).extracting(SyncResult::eventId).containsOnly(synced.get(0).eventId());
			assertThat(rows(event.assistantId())).isEqualTo(1);
		}
	}

	private int rows(String assistantId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE id = ?", Integer.class, assistantId);
	}

	/**
	 * Kills the listener's consumer thread, as a crash would, the first time a poll holding a chosen assistant
	 * was processed: after its store writes and results, before its offsets are committed. Spring Boot applies
	 * a {@link BatchInterceptor} bean to the worker's batch containers.
	 */
	@TestConfiguration
	static class CrashOnce {

		static final Set<String> victims = ConcurrentHashMap.newKeySet();

		@Bean
		BatchInterceptor<Object, Object> crashAfterResults() {
			return new BatchInterceptor<>() {

				@Override
				public ConsumerRecords<Object, Object> intercept(ConsumerRecords<Object, Object> records,
						Consumer<Object, Object> consumer) {
					return records;
				}

				@Override
				public void success(ConsumerRecords<Object, Object> records, Consumer<Object, Object> consumer) {
					for (ConsumerRecord<Object, Object> record : records) {
						if (victims.remove(String.valueOf(record.key()))) {
							throw new SimulatedCrash();
						}
					}
				}

			};
		}

	}

	/**
	 * An {@link Error}, which Spring Kafka does not handle as a listener failure: the container stops at once
	 * without committing the record's offset, like a process that died.
	 */
	static class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash between result publication and offset commit");
		}

	}

}
