package io.assistantsync.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.assistantsync.common.event.SyncResult;
import io.assistantsync.common.event.SyncResultStatus;
import io.assistantsync.common.json.EventJson;

/**
 * Proves, after a chaos run, from the two databases and the topics, that the faults lost nothing: every
 * assistant that got a 202 is in the authoritative store once and SYNCED in the api-service, nothing was
 * dead-lettered, every pending-create event has exactly one SYNCED result id, and no assistant is left
 * PENDING (or FAILED).
 */
final class ChaosCheck {

	private static final String AUTHORITY_ROWS = """
			SELECT id, count(*) FROM assistants WHERE deleted_at IS NULL GROUP BY id
			""";

	private static final String API_STATES = """
			SELECT id, sync_status FROM assistants
			""";

	private ChaosCheck() {
	}

	/**
	 * Runs every check.
	 * @param accepted the assistants answered with a 202
	 * @param apiStore the api-service's database
	 * @param authority the authoritative store
	 * @param bootstrapServers the broker
	 * @param topics the run's topics
	 * @return one line per check
	 */
	static List<Result> run(List<String> accepted, ChaosStore apiStore, ChaosStore authority, String bootstrapServers,
			BenchContext.Topics topics) throws SQLException {
		Map<String, Long> stored = counts(authority, AUTHORITY_ROWS);
		Map<String, String> states = new HashMap<>();
		try (Connection connection = apiStore.connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(API_STATES)) {
			while (rs.next()) {
				states.put(rs.getString(1), rs.getString(2));
			}
		}
		List<Result> results = new ArrayList<>();
		results.add(new Result("assistants accepted with a 202", accepted.size(), true));
		results.add(zero("  missing from the authoritative store",
				accepted.stream().filter(id -> !stored.containsKey(id)).count()));
		results.add(zero("  in the authoritative store more than once",
				accepted.stream().filter(id -> stored.getOrDefault(id, 0L) > 1).count()));
		results.add(zero("  not SYNCED in the api-service",
				accepted.stream().filter(id -> !"SYNCED".equals(states.get(id))).count()));
		results.add(zero("assistants PENDING in the api-service",
				states.values().stream().filter("PENDING"::equals).count()));
		results.add(zero("assistants FAILED in the api-service",
				states.values().stream().filter("FAILED"::equals).count()));
		results.add(zero("records dead-lettered (" + topics.pendingCreate() + "-dlt)",
				TopicReader.readAll(bootstrapServers, topics.pendingCreate() + "-dlt").size()));
		Set<String> events = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrapServers, topics.pendingCreate())) {
			events.add(EventJson.mapper().readTree(record.value()).path("eventId").asString());
		}
		Map<String, Set<String>> synced = new HashMap<>();
		Set<String> retrying = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrapServers, topics.syncResults())) {
			SyncResult result = EventJson.mapper().readValue(record.value(), SyncResult.class);
			if (result.status() == SyncResultStatus.SYNCED) {
				synced.computeIfAbsent(result.sourceEventId(), source -> new HashSet<>()).add(result.eventId());
			}
			else if (result.status() == SyncResultStatus.RETRYING) {
				retrying.add(result.eventId());
			}
		}
		results.add(new Result("pending-create events", events.size(), !events.isEmpty()));
		results.add(zero("  without a SYNCED result",
				events.stream().filter(event -> !synced.containsKey(event)).count()));
		results.add(zero("  with more than one SYNCED result id",
				events.stream().filter(event -> synced.getOrDefault(event, Set.of()).size() > 1).count()));
		// not a promise: shows that the store's failures did send records through the retry topics
		results.add(new Result("retries on the way (distinct RETRYING results)", retrying.size(), true));
		return results;
	}

	private static Map<String, Long> counts(ChaosStore store, String query) throws SQLException {
		Map<String, Long> counts = new HashMap<>();
		try (Connection connection = store.connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(query)) {
			while (rs.next()) {
				counts.put(rs.getString(1), rs.getLong(2));
			}
		}
		return counts;
	}

	private static Result zero(String what, long found) {
		return new Result(what, found, found == 0);
	}

	/**
	 * One check.
	 *
	 * @param what what was counted
	 * @param found how many
	 * @param passed whether that is what the contract promises
	 */
	record Result(String what, long found, boolean passed) {
	}

}
