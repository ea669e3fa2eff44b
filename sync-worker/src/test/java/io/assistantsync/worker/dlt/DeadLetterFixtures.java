package io.assistantsync.worker.dlt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.retrytopic.RetryTopicConstants;

import io.assistantsync.common.event.AssistantChange;
import io.assistantsync.common.event.AssistantCreationRequested;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.event.DeadLetterReplayAudited;
import io.assistantsync.common.json.EventJson;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.common.kafka.EventTypes;
import io.assistantsync.fixtures.SampleAssistants;
import io.assistantsync.fixtures.StoreFaults;
import io.assistantsync.testing.EventSchemas;
import io.assistantsync.testing.TestKafka;
import io.assistantsync.testing.TopicReader;
import io.assistantsync.common.boot.TopicsProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters made for real by a running worker (events the store rejects, or invalid ones), and readers
 * of the topics a replay writes to.
 */
public final class DeadLetterFixtures implements AutoCloseable {

	/**
	 * The ops token of the worker the command line and admin API tests run against; one token for both, so
	 * that they share one cached worker context.
	 */
	public static final String OPS_TOKEN = "test-ops-token-4f1d2c9a7b";

	public static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** SQLSTATE check_violation: the store rejects the data as such, so the worker dead-letters at once. */
	private static final String REJECTED = "23514";

	private final TopicsProperties topics;

	private final JdbcTemplate jdbc;

	private final StoreFaults faults;

	private final TopicReader deadLetters;

	private final TopicReader pendingCreate;

	/** The sync results the worker publishes. */
	public final TopicReader results;

	private final TopicReader audit;

	public DeadLetterFixtures(TopicsProperties topics, JdbcTemplate jdbc) {
		this.topics = topics;
		this.jdbc = jdbc;
		this.faults = new StoreFaults(Objects.requireNonNull(jdbc.getDataSource())::getConnection);
		this.deadLetters = new TopicReader(deadLetterTopic());
		this.pendingCreate = new TopicReader(topics.pendingCreate());
		this.results = new TopicReader(topics.syncResults());
		this.audit = new TopicReader(topics.opsAudit());
	}

	public String deadLetterTopic() {
		return this.topics.pendingCreate() + RetryTopicConstants.DEFAULT_DLT_SUFFIX;
	}

	/**
	 * Sends a valid event for a new assistant whose every write the store rejects.
	 * @return the event
	 */
	public AssistantCreationRequested rejected() {
		return rejected(null);
	}

	/**
	 * Sends a valid event, carrying a replay count, for a new assistant whose every write the store rejects.
	 * @param replayCount the {@code x-replay-count} header to send, or {@code null}
	 * @return the event
	 */
	public AssistantCreationRequested rejected(String replayCount) {
		AssistantCreationRequested event = SampleAssistants.pendingCreate(SampleAssistants.assistant());
		this.faults.failAlways(event.assistantId(), REJECTED);
		ProducerRecord<String, byte[]> record = SampleAssistants.record(this.topics.pendingCreate(), event);
		if (replayCount != null) {
			record.headers().add(EventHeaders.REPLAY_COUNT, replayCount.getBytes(StandardCharsets.UTF_8));
		}
		TopicReader.send(record);
		return event;
	}

	/**
	 * Sends changes of one assistant whose every write the store rejects.
	 * @param changes the changes, all of one assistant
	 */
	public void rejectedChanges(AssistantChange... changes) {
		this.faults.failAlways(changes[0].assistantId(), REJECTED);
		for (AssistantChange change : changes) {
			TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), change));
		}
	}

	/**
	 * Sends an event for an assistant without a name, which the worker dead-letters as invalid.
	 * @return the event
	 */
	public AssistantCreationRequested invalid() {
		AssistantSnapshot valid = SampleAssistants.assistant();
		AssistantSnapshot nameless = new AssistantSnapshot(valid.id(), valid.ownerId(), " ", valid.emoji(), null, null, List.of(), null,
				valid.visibility(), 1, valid.createdAt(), valid.updatedAt());
		AssistantCreationRequested event = SampleAssistants.pendingCreate(nameless);
		TopicReader.send(SampleAssistants.record(this.topics.pendingCreate(), event));
		return event;
	}

	/**
	 * Waits until the dead-letter topic holds a number of records of an assistant.
	 * @param assistantId the assistant
	 * @param count how many
	 * @return its dead letters
	 */
	public List<ConsumerRecord<String, byte[]>> awaitDeadLetters(String assistantId, int count) {
		return this.deadLetters.await(r -> assistantId.equals(r.key()), count, TIMEOUT);
	}

	/**
	 * Lets the store accept an assistant again.
	 * @param assistantId the assistant
	 */
	public void fix(String assistantId) {
		this.faults.clear(assistantId);
	}

	/**
	 * Waits for replayed records of an assistant on the pending-create topic.
	 * @param assistantId the assistant
	 * @param count how many at least
	 * @return every replayed record of the assistant seen so far
	 */
	public List<ConsumerRecord<String, byte[]>> awaitReplays(String assistantId, int count) {
		return this.pendingCreate.await(r -> assistantId.equals(r.key()) && isReplay(r), count, TIMEOUT);
	}

	/**
	 * The replayed records of an assistant seen so far.
	 * @param assistantId the assistant
	 * @return the records
	 */
	public List<ConsumerRecord<String, byte[]>> replays(String assistantId) {
		return this.pendingCreate.seen(r -> assistantId.equals(r.key()) && isReplay(r));
	}

	/**
	 * Waits for an audit event, checks it against its schema and its CloudEvents headers.
	 * @param eventId the id a run printed or returned
	 * @return the event
	 */
	public DeadLetterReplayAudited awaitAudit(String eventId) {
		ConsumerRecord<String, byte[]> record = this.audit.await(r -> eventId.equals(r.key()), 1, TIMEOUT).get(0);
		String json = new String(record.value(), StandardCharsets.UTF_8);
		EventSchemas.assertConforms(EventTypes.DLT_REPLAY_V1, json);
		assertThat(CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_TYPE))
			.isEqualTo(EventTypes.DLT_REPLAY_V1);
		assertThat(CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_ID)).isEqualTo(eventId);
		assertThat(CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_SOURCE)).isEqualTo("/sync-worker/dlt");
		assertThat(CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_SUBJECT)).isEqualTo(deadLetterTopic());
		assertThat(CloudEventHeaders.lastText(record.headers(), EventHeaders.CONTENT_TYPE))
			.isEqualTo("application/json");
		return EventJson.mapper().readValue(json, DeadLetterReplayAudited.class);
	}

	/**
	 * The offsets the replay group committed on the dead-letter topic.
	 * @param group the replay group
	 * @return offsets and metadata per partition
	 */
	public Map<TopicPartition, OffsetAndMetadata> committed(String group) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			offsets.keySet().removeIf(partition -> !partition.topic().equals(deadLetterTopic()));
			return offsets;
		}
	}

	public int rowCount(String assistantId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM assistants WHERE id = ?", Integer.class, assistantId);
	}

	public static String text(ConsumerRecord<?, ?> record, String header) {
		return CloudEventHeaders.lastText(record.headers(), header);
	}

	private static boolean isReplay(ConsumerRecord<String, byte[]> record) {
		return record.headers().lastHeader(EventHeaders.REPLAY_OF) != null;
	}

	@Override
	public void close() {
		for (TopicReader reader : Set.of(this.deadLetters, this.pendingCreate, this.results, this.audit)) {
			reader.close();
		}
	}

}
