package io.assistantsync.worker.dlt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.assistantsync.common.event.DeadLetterReplayAudited.Actor;
import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.boot.TopicsProperties;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin API's answers when Kafka fails, which the integration tests cannot provoke without stopping the
 * shared broker.
 */
class DeadLetterAdminControllerTests {

	private static final SyncOpsProperties OPS = new SyncOpsProperties(null, "g", 3, Duration.ofSeconds(1));

	private static final DeadLetterClients CLIENTS = new DeadLetterClients(new KafkaProperties(),
			new TopicsProperties("t", "r", "a", 1, 1), OPS);

	@Test
	void shouldAnswer503WhenKafkaDoesNotAnswer() throws Exception {
		DeadLetterBrowser browser = new DeadLetterBrowser(CLIENTS) {

			@Override
			Listing list(DeadLetterFilter filter, Consumer<DeadLetter> each) {
				throw new KafkaUnavailableException("Kafka at mock:9092 did not answer within 1000 ms",
						new TimeoutException("timeout"));
			}

		};
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new DeadLetterAdminController(browser, replayer(null)))
			.build();

		mvc.perform(get("/admin/dlt"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("https://assistantsync.io/problems/kafka-unavailable"))
			.andExpect(jsonPath("$.detail").value("Kafka at mock:9092 did not answer within 1000 ms"));
	}

	@Test
	void shouldAnswer502WithTheReportWhenTheRunDidNotDoAllItShould() throws Exception {
		ReplayReport failed = new ReplayReport("audit-1", "t-dlt", false, List.of(), List.of(), 0, 0, false,
				List.of(), List.of("1 replays were not acknowledged by Kafka; a later replay takes them again"));
		MockMvc mvc = MockMvcBuilders
			.standaloneSetup(new DeadLetterAdminController(new DeadLetterBrowser(CLIENTS), replayer(failed)))
			.build();

		mvc.perform(post("/admin/dlt/replay").requestAttr(OpsTokenFilter.FINGERPRINT_ATTRIBUTE, "0123456789ab")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.auditEventId").value("audit-1"))
			.andExpect(jsonPath("$.summary.problems[0]").value(containsString("acknowledged")));
	}

	private static DeadLetterReplayer replayer(ReplayReport report) {
		return new DeadLetterReplayer(CLIENTS, new ReplayAuditor("a", Clock.systemUTC()), OPS,
				new IdGenerator()) {

			@Override
			ReplayReport replay(ReplayRequest request, Actor actor) {
				return report;
			}

		};
	}

}
