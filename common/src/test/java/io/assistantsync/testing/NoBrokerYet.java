package io.assistantsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service at a free port where no broker listens until the test starts one there on {@link #PORT}:
 * for tests of what a service does when it starts while Kafka is down. One port per test JVM.
 */
public class NoBrokerYet implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Where the broker will listen. */
	public static final int PORT = freePort();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of("spring.kafka.bootstrap-servers=127.0.0.1:" + PORT).applyTo(context);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
