package io.assistantsync.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code java -jar local-stack.jar --api-instances 2 --workers 2}: two api-services and two sync-workers
 * against the one broker and the same databases. Assistants POSTed to either api-service are SYNCED and read
 * back from the other; the workers split the partitions of the pending-create topic in their consumer group.
 */
class SeveralInstancesIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

	private static final int ASSISTANTS = 12;

	private final HttpClient http = HttpClient.newHttpClient();

	private LocalStackProcess stack;

	@AfterEach
	void stopTheStack() {
		if (this.stack != null) {
			this.stack.close();
		}
	}

	@Test
	void shouldRunTwoApiServicesAndTwoWorkersThatShareTheWork() throws Exception {
		// one consumer per worker on the main topic, so that each group member stands for one worker process
		this.stack = LocalStackProcess.start(Map.of("SYNC_LISTENER_CONCURRENCY", "1"), "--api-instances", "2",
				"--workers", "2");
		this.stack.awaitReady(START_TIMEOUT);

		List<URI> apis = List.of(this.stack.instance("api-service-1", ""), this.stack.instance("api-service-2", ""));
		assertThat(apis.get(0).getPort()).as("the first api-service keeps API_PORT").isEqualTo(this.stack.apiPort);
		assertThat(this.stack.instance("sync-worker-1", "").getPort()).isEqualTo(this.stack.workerPort);
		assertThat(this.stack.instance("sync-worker-2", "").getPort()).isNotIn(this.stack.ports());
		assertThat(this.stack.descendants()).as("four service processes").hasSize(4);
		assertThat(this.stack.stdout()).contains("[api-service-2] ", "[sync-worker-2] ")
			.contains("  api-service-2 " + apis.get(1));

		List<String> ids = new ArrayList<>();
		for (int i = 0; i < ASSISTANTS; i++) {
			HttpResponse<String> created = send("POST", apis.get(i % 2).resolve("/api/assistants"),
					"{\"name\": \"Shared " + i + "\", \"emoji\": \"🧮\"}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
			ids.add(json(created.body()).get("id").asString());
		}
		for (int i = 0; i < ASSISTANTS; i++) {
			// read back from the instance that did not take the POST: both share the database
			URI other = apis.get((i + 1) % 2).resolve("/api/assistants/" + ids.get(i));
			await("assistant " + ids.get(i) + " to be SYNCED").atMost(SYNC_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.until(() -> "SYNCED".equals(json(send("GET", other, null).body()).at("/sync/status").asString()));
		}

		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.stack.kafkaBootstrapServers()))) {
			await("both workers to own partitions of the main topic").atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> {
					Collection<MemberDescription> members = admin.describeConsumerGroups(List.of("sync-worker"))
						.all()
						.get()
						.get("sync-worker")
						.members();
					assertThat(members).as("one member per worker").hasSize(2);
					Set<TopicPartition> owned = new HashSet<>();
					for (MemberDescription member : members) {
						Set<TopicPartition> partitions = member.assignment().topicPartitions();
						assertThat(partitions).as("the partitions of %s", member.consumerId()).isNotEmpty();
						owned.addAll(partitions);
					}
					assertThat(owned).as("every partition of assistants.pending-create, each once")
						.hasSize(6)
						.allMatch((partition) -> partition.topic().equals("assistants.pending-create"));
				});
			List<String> streamGroups = admin.listGroups()
				.all()
				.get()
				.stream()
				.map(GroupListing::groupId)
				.filter((group) -> group.startsWith("api-service-streams-"))
				.toList();
			assertThat(streamGroups).as("each api-service's own group for its event streams").hasSize(2);
			ConsumerGroupDescription shared = admin.describeConsumerGroups(List.of("api-service"))
				.all()
				.get()
				.get("api-service");
			assertThat(shared.members()).as("the group that records results, shared by both").hasSize(2);
		}

		List<ProcessHandle> children = this.stack.descendants();
		assertThat(this.stack.stop(Duration.ofSeconds(60))).isEqualTo(143);
		assertThat(children).noneMatch(ProcessHandle::isAlive);
		assertThat(this.stack.stdout()).contains(
				"Stopping api-service-1, api-service-2, sync-worker-1 and sync-worker-2");
		for (String instance : List.of("api-service-1", "api-service-2", "sync-worker-1", "sync-worker-2")) {
			assertThat(this.stack.log(instance + ".log")).as("the log of %s", instance).contains("Started ");
		}
	}

	private HttpResponse<String> send(String method, URI uri, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Authorization", "Bearer " + this.stack.token())
			.timeout(Duration.ofSeconds(30));
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

}
