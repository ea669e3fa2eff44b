package io.assistantsync.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpLoadTests {

	private static final String BODY = "{\"name\":\"x\"}";

	@Test
	void shouldReachAClosedLoopThroughputAgainstATrivialServer() throws Exception {
		try (TrivialHttpServer server = TrivialHttpServer.start(700)) {
			HttpLoad load = new HttpLoad("127.0.0.1", server.port(),
					HttpConnection.post("localhost", "/api/assistants", BODY), null);

			LoadResult result = load.closedLoop(2, Duration.ofMillis(100), Duration.ofMillis(500));

			assertThat(result.completed()).isPositive();
			assertThat(result.errors()).isZero();
			assertThat(result.latency().getTotalCount()).isEqualTo(result.completed());
		}
	}

	@Test
	void shouldMeasureOpenLoopLatencyFromTheIntendedSendTime() throws Exception {
		// one connection and a server that takes 50 ms: at 100/s requests queue behind each other, and a
		// generator that measured from the actual send would report about 50 ms for all of them
		try (SlowServer server = new SlowServer(50)) {
			HttpLoad load = new HttpLoad("127.0.0.1", server.port(),
					HttpConnection.post("localhost", "/api/assistants", BODY), null);

			LoadResult result = load.openLoop(1, 100, Duration.ofSeconds(1), Duration.ofSeconds(5));

			assertThat(result.completed()).isEqualTo(100);
			assertThat(result.percentileMillis(99)).isGreaterThan(1000);
		}
	}

	@Test
	void shouldReadChunkedAnswersAndReconnectWhenTheServerCloses() throws Exception {
		try (SlowServer server = new SlowServer(0)) {
			try (HttpConnection connection = new HttpConnection("127.0.0.1", server.port())) {
				byte[] request = HttpConnection.post("localhost", "/api/assistants", BODY);
				for (int i = 0; i < 5; i++) {
					HttpConnection.Response response = connection.exchange(request);
					assertThat(response.status()).isEqualTo(202);
					assertThat(response.location()).isEqualTo("/api/assistants/abc");
				}
			}
			assertThat(server.connections.get()).isEqualTo(3);
		}
	}

	/**
	 * Answers after a delay with a chunked body, closing the connection after every second answer.
	 */
	private static final class SlowServer implements AutoCloseable {

		final AtomicInteger connections = new AtomicInteger();

		private final ServerSocket socket;

		SlowServer(long delayMillis) throws Exception {
			this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try {
						Socket client = this.socket.accept();
						this.connections.incrementAndGet();
						Thread serving = new Thread(() -> serve(client, delayMillis));
						serving.setDaemon(true);
						serving.start();
					}
					catch (Exception ex) {
						return;
					}
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		private static void serve(Socket client, long delayMillis) {
			try (client) {
				BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
				OutputStream out = client.getOutputStream();
				for (int answered = 0; answered < 2; answered++) {
					int length = 0;
					for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
						if (line.toLowerCase().startsWith("content-length:")) {
							length = Integer.parseInt(line.substring(15).trim());
						}
					}
					in.skip(length);
					if (delayMillis > 0) {
						Thread.sleep(delayMillis);
					}
					String close = (answered == 1) ? "Connection: close\r\n" : "";
					out.write(("HTTP/1.1 202 Accepted\r\nLocation: /api/assistants/abc\r\n" + close
							+ "Transfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
			}
			catch (Exception ex) {
				// the client went away
			}
		}

		@Override
		public void close() throws Exception {
			this.socket.close();
		}

	}

}
