package io.assistantsync.worker.dlt.admin;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterReplayer;
import io.assistantsync.worker.dlt.DeadLetterStubs;
import io.assistantsync.worker.dlt.ReplayReport;

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

	@Test
	void shouldAnswer503WhenKafkaDoesNotAnswer() throws Exception {
		DeadLetterBrowser browser = DeadLetterStubs
			.browserFailingWith(DeadLetterStubs.kafkaUnavailable("Kafka at mock:9092 did not answer within 1000 ms"));
		DeadLetterReplayer replayer = DeadLetterStubs.replayerReporting(null);
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new DeadLetterAdminController(browser, replayer)).build();

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
		DeadLetterBrowser browser = DeadLetterStubs
			.browserFailingWith(new IllegalStateException("a replay lists nothing"));
		MockMvc mvc = MockMvcBuilders
			.standaloneSetup(new DeadLetterAdminController(browser, DeadLetterStubs.replayerReporting(failed)))
			.build();

		mvc.perform(post("/admin/dlt/replay").principal(new OpsTokenAuthentication("0123456789ab"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(status().isBadGateway())
			.andExpect(jsonPath("$.auditEventId").value("audit-1"))
			.andExpect(jsonPath("$.summary.problems[0]").value(containsString("acknowledged")));
	}

}
