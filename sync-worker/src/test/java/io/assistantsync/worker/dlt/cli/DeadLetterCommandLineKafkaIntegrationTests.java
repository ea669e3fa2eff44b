package io.assistantsync.worker.dlt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code dlt} command line through its own small Spring context when Kafka cannot be reached.
 */
class DeadLetterCommandLineKafkaIntegrationTests {

	@Test
	void shouldSayInOneLineThatKafkaIsUnreachableAndExitNonZero() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		for (String command : new String[] { "list", "replay" }) {
			StringWriter out = new StringWriter();
			StringWriter err = new StringWriter();
			long started = System.nanoTime();

			int exit = DeadLetterCommandLine.execute(new String[] { command },
					Map.of("spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort, "sync.ops.kafka-timeout",
							"1s"),
					new PrintWriter(out), new PrintWriter(err), false);

			assertThat(exit).isEqualTo(3);
			assertThat(out.toString()).isEmpty();
			assertThat(err.toString().lines()).singleElement()
				.asString()
				.startsWith("dlt: Kafka at 127.0.0.1:" + closedPort + " did not answer within 1000 ms");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
		}
	}

	@Test
	void shouldRefuseABadConfigurationInOneLine() {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();

		int exit = DeadLetterCommandLine.execute(new String[] { "list" }, Map.of("sync.ops.replay-limit", "0"),
				new PrintWriter(out), new PrintWriter(err), false);

		assertThat(exit).isEqualTo(1);
		assertThat(err.toString().lines()).singleElement().asString().startsWith("dlt: failed: ");
	}

}
