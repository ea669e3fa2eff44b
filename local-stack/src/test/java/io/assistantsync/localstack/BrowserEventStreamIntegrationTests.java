package io.assistantsync.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A web page on another origin, in a real browser (headless Chromium), against the local stack: it creates an
 * assistant with {@code fetch} and a bearer token, which takes a CORS preflight, then follows its sync with an
 * {@code EventSource}, which cannot send headers and so passes the token as {@code ?access_token=}. The page
 * reports what it saw to the server that served it, where the test reads it.
 */
class BrowserEventStreamIntegrationTests {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

	private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);

	/** The page's script: {@code API} and {@code TOKEN} are set above it. */
	private static final String SCRIPT = """
			let seq = 0;
			function report(kind, body) {
				return fetch('/report', { method: 'POST', headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(Object.assign({ seq: seq++, kind }, body)) });
			}
			(async () => {
				try {
					const response = await fetch(API + '/api/assistants', { method: 'POST',
						headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + TOKEN },
						body: JSON.stringify({ name: 'Browser check', emoji: '🧭', category: 'analysis' }) });
					const created = await response.json();
					report('created', { status: response.status, location: response.headers.get('Location'),
						id: created.id });
					const events = new EventSource(API + '/api/assistants/' + encodeURIComponent(created.id)
						+ '/sync-events?access_token=' + encodeURIComponent(TOKEN));
					events.addEventListener('state', (event) => report('state', { data: JSON.parse(event.data) }));
					events.addEventListener('sync-result', (event) => {
						const data = JSON.parse(event.data);
						// the server ends the stream after the final result; closing stops the browser reconnecting
						if (data.status === 'SYNCED' || data.status === 'DEAD_LETTERED') {
							events.close();
						}
						report('sync-result', { eventId: event.lastEventId, data });
					});
					events.onerror = () => report('error', { message: 'EventSource error, readyState '
						+ events.readyState });
				}
				catch (failure) {
					report('error', { message: String(failure) });
				}
			})();
			""";

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<JsonNode> reports = new CopyOnWriteArrayList<>();

	private HttpServer pageServer;

	private LocalStackProcess stack;

	private HeadlessChromium browser;

	@AfterEach
	void stopEverything() {
		if (this.browser != null) {
			this.browser.close();
		}
		if (this.stack != null) {
			this.stack.close();
		}
		if (this.pageServer != null) {
			this.pageServer.stop(0);
		}
	}

	@Test
	void shouldCreateAnAssistantAcrossOriginsAndFollowItsSyncWithAnEventSource() throws Exception {
		HeadlessChromium.assumeInstalled();
		this.pageServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		String origin = "http://127.0.0.1:" + this.pageServer.getAddress().getPort();
		this.stack = LocalStackProcess.start(Map.of("ASSISTANTS_CORS_ALLOWED_ORIGINS", origin));
		this.stack.awaitReady(START_TIMEOUT);
		assertThat(this.stack.stdout()).contains("  CORS         " + origin + System.lineSeparator());
		assertOnlyThePageOriginIsAllowed(origin);
		servePage(this.stack.api("").toString(), this.stack.token());

		Path work = Files.createTempDirectory(LocalStackProcess.ROOT.resolve("local-stack/target"), "browser-");
		this.browser = HeadlessChromium.open(URI.create(origin + "/"), work);
		await("the page to report the final sync result").atMost(BROWSER_TIMEOUT)
			.pollInterval(Duration.ofMillis(250))
			.until(() -> ended() || !this.browser.isAlive());
		this.browser.close();

		List<JsonNode> seen = this.reports.stream()
			.sorted(Comparator.comparingInt((report) -> report.get("seq").asInt()))
			.toList();
		assertThat(ended()).as("the page's reports %s; the browser's output:%n%s", seen, this.browser.output()).isTrue();
		assertThat(seen).as("the page's reports").noneMatch((report) -> "error".equals(kind(report)));
		JsonNode created = seen.get(0);
		assertThat(kind(created)).isEqualTo("created");
		// a POST with an Authorization header reaches the API only after a successful preflight
		assertThat(created.get("status").asInt()).as("the cross-origin POST").isEqualTo(202);
		String id = created.get("id").asString();
		assertThat(created.get("location").asString()).as("the exposed Location header")
			.isEqualTo("/api/assistants/" + id);
		JsonNode state = seen.get(1);
		assertThat(kind(state)).isEqualTo("state");
		assertThat(state.at("/data/id").asString()).isEqualTo(id);
		List<JsonNode> results = seen.subList(2, seen.size());
		assertThat(results).isNotEmpty()
			.allMatch((report) -> "sync-result".equals(kind(report)))
			.allMatch((report) -> id.equals(report.at("/data/assistantId").asString()))
			.allMatch((report) -> report.get("eventId").asString().equals(report.at("/data/eventId").asString()));
		assertThat(results.get(results.size() - 1).at("/data/status").asString()).isEqualTo("SYNCED");
	}

	/**
	 * The api-service was started with the page's origin as its one allowed origin: its preflight answer
	 * says so, and another origin is refused.
	 */
	private void assertOnlyThePageOriginIsAllowed(String origin) throws Exception {
		HttpResponse<String> allowed = preflight(origin);
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
			.contains("authorization", "content-type");
		assertThat(preflight("http://127.0.0.1:1").statusCode()).as("a preflight from another origin").isEqualTo(403);
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return this.http.send(HttpRequest.newBuilder(this.stack.api("/api/assistants"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * {@code GET /}: the page, with the API's address and the demo producer's token in its script, as a web app
	 * would have them from its configuration and its login; {@code POST /report}: what the page saw.
	 */
	private void servePage(String api, String token) {
		byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>sync-events</title></head><body>"
				+ "<script>const API = '" + api + "';\nconst TOKEN = '" + token + "';\n" + SCRIPT + "</script>"
				+ "</body></html>")
			.getBytes(StandardCharsets.UTF_8);
		this.pageServer.createContext("/", (exchange) -> {
			if ("POST".equals(exchange.getRequestMethod()) && "/report".equals(exchange.getRequestURI().getPath())) {
				try (InputStream body = exchange.getRequestBody()) {
					this.reports.add(JsonMapper.shared().readTree(body.readAllBytes()));
				}
				respond(exchange, 204, null);
			}
			else if ("GET".equals(exchange.getRequestMethod()) && "/".equals(exchange.getRequestURI().getPath())) {
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				respond(exchange, 200, page);
			}
			else {
				respond(exchange, 404, null);
			}
		});
		this.pageServer.start();
	}

	/**
	 * Whether the page reported the final result or a failure, and every report sent before it arrived too
	 * (each is a request of its own, so they may arrive out of order).
	 */
	private boolean ended() {
		List<JsonNode> reports = List.copyOf(this.reports);
		boolean last = reports.stream()
			.anyMatch((report) -> "error".equals(kind(report)) || ("sync-result".equals(kind(report))
					&& "SYNCED".equals(report.at("/data/status").asString())));
		int highest = reports.stream().mapToInt((report) -> report.get("seq").asInt()).max().orElse(-1);
		return last && highest == reports.size() - 1;
	}

	private static String kind(JsonNode report) {
		return report.get("kind").asString();
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body != null) ? body.length : -1);
		if (body != null) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
		exchange.close();
	}

}
