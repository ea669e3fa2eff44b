package io.assistantsync.localstack;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PortsTests {

	@Test
	void shouldNameTheTakenPortItsUserAndTheSettingToChangeIt() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();

			assertThat(Ports.isFree(port)).isFalse();
			assertThatExceptionOfType(LocalStackException.class)
				.isThrownBy(() -> Ports.requireFree(port, "Kafka", "LOCAL_STACK_KAFKA_PORT"))
				.withMessage("port " + port + " (Kafka) is already in use: stop what listens on it or choose another"
						+ " port with LOCAL_STACK_KAFKA_PORT");
		}
	}

	@Test
	void shouldAcceptAFreePort() throws IOException {
		int port;
		try (ServerSocket probe = new ServerSocket(0)) {
			port = probe.getLocalPort();
		}

		assertThatNoException().isThrownBy(() -> Ports.requireFree(port, "api-service", "API_PORT"));
	}

}
