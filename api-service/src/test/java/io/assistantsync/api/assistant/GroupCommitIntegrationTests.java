package io.assistantsync.api.assistant;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.assistantsync.api.ApiServiceIntegrationTest;
import io.assistantsync.api.ApiTestClient;
import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.testing.TopicReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Group commit of {@code POST /api/assistants}: concurrent creates share transactions, yet each is answered
 * only after its own rows are committed, a request whose Idempotency-Key is taken replays or fails alone, and a
 * database failure fails the whole group and stores none of it.
 * <p>
 * A group is made deterministic by holding a lock that blocks the committers' inserts: one create per committer
 * holds each committer in its transaction, the creates sent meanwhile queue up, and when the lock is released
 * the first free committer takes all of them as one group.
 */
@ApiServiceIntegrationTest
class GroupCommitIntegrationTests {

	private static final String PATH = "/api/assistants";

	/** The committers' insert of versions, as {@code pg_stat_activity} shows it while it waits for a lock. */
	private static final String WAITING_COMMITTERS = """
			SELECT count(*) FROM pg_stat_activity
			WHERE datname = current_database() AND wait_event_type = 'Lock'
			    AND query LIKE 'INSERT INTO assistant_versions%'
			""";

	private final ExecutorService clients = Executors.newFixedThreadPool(64);

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	MeterRegistry meters;

	@Autowired
	IntakeProperties intake;

	@Autowired
	TopicsProperties topics;

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void shouldAnswerEveryConcurrentCreateOnlyOnceItIsCommittedWithExactlyOneEvent() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		int requests = 64;
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<String>> created = new ArrayList<>();
		try (TopicReader pendingCreate = new TopicReader(this.topics.pendingCreate())) {
			for (int i = 0; i < requests; i++) {
				String body = "{\"name\":\"Concurrent " + run + " " + i + "\",\"emoji\":\"🧵\"}";
				created.add(CompletableFuture.supplyAsync(() -> {
					awaitQuietly(start);
					HttpResponse<String> response = client().postJson(PATH, body);
					assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
					String id = ApiTestClient.json(response).get("id").stringValue();
					// read from another connection right after the answer: the rows are there already
					assertThat(count("SELECT count(*) FROM assistants WHERE id = ?", id)).isOne();
					assertThat(count("SELECT count(*) FROM assistant_versions WHERE assistant_id = ?", id)).isOne();
					return id;
				}, this.clients));
			}
			start.countDown();
			Set<String> ids = new HashSet<>();
			for (CompletableFuture<String> id : created) {
				ids.add(id.get(60, TimeUnit.SECONDS));
			}
			assertThat(ids).hasSize(requests);
			for (String id : ids) {
				assertThat(client().get(PATH + "/" + id).statusCode()).isEqualTo(200);
			}
			pendingCreate.await((record) -> ids.contains(record.key()), requests, Duration.ofSeconds(30));
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				Map<String, Long> eventsPerAssistant = pendingCreate.seen((record) -> ids.contains(record.key()))
					.stream()
					.collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
				assertThat(eventsPerAssistant).hasSize(requests).allSatisfy((id, events) -> assertThat(events).isOne());
			});
		}
	}

	@Test
	void shouldReplayOrFailOnlyTheRequestsOfAGroupWhoseKeyIsTaken() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String replayKey = "replay-" + run;
		String reusedKey = "reused-" + run;
		String sharedKey = "shared-" + run;
		String contestedKey = "contested-" + run;
		HttpResponse<String> original = client().postJson(PATH, body("Original " + run), "Idempotency-Key", replayKey);
		assertThat(client().postJson(PATH, body("Reused " + run), "Idempotency-Key", reusedKey).statusCode())
			.isEqualTo(202);

		Map<String, Supplier<HttpResponse<String>>> group = new LinkedHashMap<>();
		group.put("plain 1", () -> client().postJson(PATH, body("Plain 1 " + run)));
		group.put("replay", () -> client().postJson(PATH, body("Original " + run), "Idempotency-Key", replayKey));
		group.put("reused", () -> client().postJson(PATH, body("Other " + run), "Idempotency-Key", reusedKey));
		group.put("shared 1", () -> client().postJson(PATH, body("Shared " + run), "Idempotency-Key", sharedKey));
		group.put("shared 2", () -> client().postJson(PATH, body("Shared " + run), "Idempotency-Key", sharedKey));
		group.put("contested 1",
				() -> client().postJson(PATH, body("Contested A " + run), "Idempotency-Key", contestedKey));
		group.put("contested 2",
				() -> client().postJson(PATH, body("Contested B " + run), "Idempotency-Key", contestedKey));
		group.put("plain 2", () -> client().postJson(PATH, body("Plain 2 " + run)));

		Map<String, HttpResponse<String>> answers = inOneGroup(group);

		assertCreated(answers.get("plain 1"), "Plain 1 " + run);
		assertCreated(answers.get("plain 2"), "Plain 2 " + run);
		assertThat(answers.get("replay").statusCode()).isEqualTo(202);
		assertThat(answers.get("replay").body()).isEqualTo(original.body());
		assertThat(answers.get("reused").statusCode()).isEqualTo(422);
		assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", "Other " + run)).isZero();
		assertCreated(answers.get("shared 1"), "Shared " + run);
		assertThat(answers.get("shared 2").statusCode()).isEqualTo(202);
		assertThat(answers.get("shared 2").body()).isEqualTo(answers.get("shared 1").body());
		assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", "Shared " + run)).isOne();
		// the one that reached the queue first claims the key, the other is a reuse with another body
		boolean aFirst = answers.get("contested 1").statusCode() == 202;
		assertCreated(answers.get(aFirst ? "contested 1" : "contested 2"), (aFirst ? "Contested A " : "Contested B ") + run);
		assertThat(answers.get(aFirst ? "contested 2" : "contested 1").statusCode()).isEqualTo(422);
		assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", (aFirst ? "Contested B " : "Contested A ") + run))
			.isZero();
	}

	@Test
	void shouldFailEveryRequestOfAGroupWith503AndStoreNothingOfItWhenTheDatabaseFails() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String poison = "Poison " + run;
		// the database refuses the outbox row of one create of the group, after its other rows were written
		this.jdbc.execute("""
				CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF convert_from(NEW.payload, 'UTF8') LIKE '%%%s%%' THEN
				        RAISE EXCEPTION 'refused for the test' USING ERRCODE = '40001';
				    END IF;
				    RETURN NEW;
				END $$
				""".formatted(poison));
		this.jdbc.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
		try {
			Map<String, Supplier<HttpResponse<String>>> group = new LinkedHashMap<>();
			List<String> names = new ArrayList<>();
			for (int i = 1; i <= 4; i++) {
				String name = (i == 3) ? poison : "Bystander " + i + " " + run;
				names.add(name);
				group.put(name, () -> client().postJson(PATH, body(name)));
			}
			group.put("keyed", () -> client().postJson(PATH, body("Keyed " + run), "Idempotency-Key", "keyed-" + run));
			names.add("Keyed " + run);

			Map<String, HttpResponse<String>> answers = inOneGroup(group);

			assertThat(answers.values()).allSatisfy((answer) -> {
				assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
				assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			});
			for (String name : names) {
				assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", name)).as(name).isZero();
			}
			assertThat(count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?", "keyed-" + run))
				.isZero();
			assertThat(count("SELECT count(*) FROM assistant_versions v JOIN assistants a ON a.id = v.assistant_id "
					+ "WHERE a.name LIKE ?", "%" + run)).isZero();
		}
		finally {
			this.jdbc.execute("DROP TRIGGER refuse_poison ON outbox");
			this.jdbc.execute("DROP FUNCTION refuse_poison()");
		}
		assertThat(client().postJson(PATH, body("After " + run)).statusCode()).isEqualTo(202);
	}

	@Test
	void shouldFailOnlyTheRequestWhoseRowTheDatabaseRejectsAsSuch() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String rejected = "Rejected " + run;
		this.jdbc.execute("""
				CREATE FUNCTION reject_row() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.name = '%s' THEN
				        RAISE EXCEPTION 'rejected for the test' USING ERRCODE = '23514';
				    END IF;
				    RETURN NEW;
				END $$
				""".formatted(rejected));
		this.jdbc.execute("CREATE TRIGGER reject_row BEFORE INSERT ON assistants FOR EACH ROW EXECUTE FUNCTION reject_row()");
		try {
			Map<String, Supplier<HttpResponse<String>>> group = new LinkedHashMap<>();
			for (int i = 1; i <= 4; i++) {
				String name = (i == 2) ? rejected : "Neighbour " + i + " " + run;
				group.put(name, () -> client().postJson(PATH, body(name)));
			}

			Map<String, HttpResponse<String>> answers = inOneGroupRewrittenAlone(group);

			answers.forEach((name, answer) -> {
				if (name.equals(rejected)) {
					assertThat(answer.statusCode()).isEqualTo(500);
					assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", name)).isZero();
				}
				else {
					assertCreated(answer, name);
				}
			});
		}
		finally {
			this.jdbc.execute("DROP TRIGGER reject_row ON assistants");
			this.jdbc.execute("DROP FUNCTION reject_row()");
		}
	}

	/**
	 * Sends the requests so that one transaction writes them all, and proves it did: with every committer held
	 * on a lock, the requests queue; none is answered before the lock is released; the committers' blocking
	 * creates make one group each and these requests one more.
	 */
	private Map<String, HttpResponse<String>> inOneGroup(Map<String, Supplier<HttpResponse<String>>> requests)
			throws Exception {
		return inOneGroup(requests, false);
	}

	/**
	 * As {@link #inOneGroup(Map)}, for a group the database rejects as such, which is then written again one
	 * request per transaction.
	 */
	private Map<String, HttpResponse<String>> inOneGroupRewrittenAlone(
			Map<String, Supplier<HttpResponse<String>>> requests) throws Exception {
		return inOneGroup(requests, true);
	}

	private Map<String, HttpResponse<String>> inOneGroup(Map<String, Supplier<HttpResponse<String>>> requests,
			boolean rewrittenAlone) throws Exception {
		DistributionSummary groups = this.meters.get("assistants.intake.group.size").summary();
		long groupsBefore = groups.count();
		double createsBefore = groups.totalAmount();
		List<CompletableFuture<HttpResponse<String>>> blockers = new ArrayList<>();
		Map<String, CompletableFuture<HttpResponse<String>>> answers = new LinkedHashMap<>();
		try (Connection lock = this.dataSource.getConnection()) {
			lock.setAutoCommit(false);
			try (Statement statement = lock.createStatement()) {
				statement.execute("LOCK TABLE assistant_versions IN SHARE MODE");
			}
			for (int i = 1; i <= this.intake.committers(); i++) {
				String name = "Blocker " + i + " " + UUID.randomUUID();
				blockers.add(CompletableFuture.supplyAsync(() -> client().postJson(PATH, body(name)), this.clients));
				long waiting = i;
				await().atMost(Duration.ofSeconds(10)).until(() -> count(WAITING_COMMITTERS) == waiting);
			}
			requests.forEach((name, request) -> answers.put(name, CompletableFuture.supplyAsync(request, this.clients)));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> this.meters.get("assistants.intake.queue").gauge().value() == requests.size());
			assertThat(blockers).noneMatch(CompletableFuture::isDone);
			assertThat(answers.values()).noneMatch(CompletableFuture::isDone);
			lock.rollback();
		}
		for (CompletableFuture<HttpResponse<String>> blocker : blockers) {
			assertThat(blocker.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
		}
		Map<String, HttpResponse<String>> answered = new LinkedHashMap<>();
		for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> answer : answers.entrySet()) {
			answered.put(answer.getKey(), answer.getValue().get(30, TimeUnit.SECONDS));
		}
		int alone = rewrittenAlone ? requests.size() : 0;
		assertThat(groups.count() - groupsBefore).isEqualTo(this.intake.committers() + 1 + alone);
		assertThat(groups.totalAmount() - createsBefore).isEqualTo(this.intake.committers() + requests.size() + alone);
		return answered;
	}

	private void assertCreated(HttpResponse<String> answer, String name) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		String id = ApiTestClient.json(answer).get("id").stringValue();
		assertThat(ApiTestClient.json(client().get(PATH + "/" + id)).get("name").stringValue()).isEqualTo(name);
		assertThat(count("SELECT count(*) FROM assistants WHERE name = ?", name)).isOne();
	}

	private long count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Long.class, args);
	}

	private static String body(String name) {
		return "{\"name\":\"" + name + "\",\"emoji\":\"🧵\"}";
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ApiTestClient client() {
		return new ApiTestClient(this.port);
	}

}
