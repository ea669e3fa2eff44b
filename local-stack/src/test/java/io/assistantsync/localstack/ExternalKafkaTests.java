package io.assistantsync.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExternalKafkaTests {

	@Test
	void shouldReportABrokerThatDoesNotAnswerInOneLine() throws IOException {
		int closedPort;
		try (ServerSocket probe = new ServerSocket(0)) {
			closedPort = probe.getLocalPort();
		}
		String bootstrapServers = "127.0.0.1:" + closedPort;

		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> ExternalKafka.requireReachable(bootstrapServers, Duration.ofSeconds(1)))
			.withMessageStartingWith("Kafka at " + bootstrapServers + " (KAFKA_BOOTSTRAP_SERVERS) is not reachable: ")
			.withMessageNotContaining("\n");
	}

}
