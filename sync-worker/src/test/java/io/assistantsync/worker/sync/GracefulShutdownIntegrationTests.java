package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.testing.SharedInfrastructureInitializer;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.worker.SyncWorkerApplication;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker stopped while it is busy finishes what it has in hand and commits it: every record whose result
 * was published before the stop has its offset committed, so a restarted worker does not process it again.
 */
class GracefulShutdownIntegrationTests {

	@Test
	void shouldCommitEverySyncedRecordWhenStoppedWhileBusy() throws Exception {
		ConfigurableApplicationContext worker = new SpringApplicationBuilder(SyncWorkerApplication.class)
			.initializers(new SharedInfrastructureInitializer())
			.properties("server.port=0", "spring.kafka.consumer.max-poll-records=20")
			.run();
		TopicsProperties topics = worker.getBean(TopicsProperties.class);
		String group = worker.getEnvironment().getProperty("spring.kafka.consumer.group-id");
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
			records.add(SampleAssistants.record(topics.pendingCreate(), event));
		}
		try (TopicReader results = new TopicReader(topics.syncResults());
				TopicReader sent = new TopicReader(topics.pendingCreate())) {
			TopicReader.send(records.toArray(ProducerRecord[]::new));
			results.await(r -> true, 100, Duration.ofSeconds(60));

			worker.close();

			Set<String> synced = results.seen(r -> true)
				.stream()
				.map(SyncResults::parse)
				.filter(result -> result.status() == SyncResultStatus.SYNCED)
				.map(result -> result.sourceEventId())
				.collect(Collectors.toSet());
			assertThat(synced).hasSizeGreaterThanOrEqualTo(100);
			Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
			for (ConsumerRecord<String, byte[]> record : sent.await(r -> true, records.size(), Duration.ofSeconds(30))) {
				if (synced.contains(eventId(record))) {
					OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
					assertThat(offset).as("committed offset of partition %d", record.partition()).isNotNull();
					assertThat(offset.offset()).as("%s-%d@%d was synced before the stop", record.topic(),
							record.partition(), record.offset())
						.isGreaterThan(record.offset());
				}
			}
		}
		finally {
			worker.close();
		}
	}

	private static String eventId(ConsumerRecord<String, byte[]> record) {
		return EventJson.mapper().readTree(new String(record.value(), StandardCharsets.UTF_8)).get("eventId").asString();
	}

	private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			return new HashMap<>(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
		}
	}

}
