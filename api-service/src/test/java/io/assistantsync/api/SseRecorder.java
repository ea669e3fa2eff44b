package io.assistantsync.api;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Records a server-sent events stream as it arrives: events (with their {@code id}, {@code event} and
 * {@code data} fields, data lines joined with {@code \n} as a browser does), comment lines, and whether the
 * server ended the stream.
 */
public final class SseRecorder implements AutoCloseable {

	private final List<Event> events = new ArrayList<>();

	private final List<String> comments = new ArrayList<>();

	private final CompletableFuture<HttpResponse<Stream<String>>> response;

	private volatile boolean ended;

	private volatile int status;

	private volatile String contentType;

	private final StringBuilder body = new StringBuilder();

	SseRecorder(HttpClient http, HttpRequest request) {
		this.response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
		this.response.thenAcceptAsync(this::read);
	}

	private void read(HttpResponse<Stream<String>> response) {
		this.status = response.statusCode();
		this.contentType = response.headers().firstValue("Content-Type").orElse(null);
		String id = null;
		String name = null;
		StringBuilder data = null;
		try (Stream<String> lines = response.body()) {
			for (String line : (Iterable<String>) lines::iterator) {
				synchronized (this) {
					this.body.append(line).append('\n');
				}
				if (line.isEmpty()) {
					if (data != null || name != null) {
						add(new Event(id, name, (data != null) ? data.toString() : null));
					}
					id = null;
					name = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					synchronized (this) {
						this.comments.add(line.substring(1));
					}
				}
				else {
					int colon = line.indexOf(':');
					String field = (colon >= 0) ? line.substring(0, colon) : line;
					String value = (colon >= 0) ? line.substring(colon + 1) : "";
					if (value.startsWith(" ")) {
						value = value.substring(1);
					}
					switch (field) {
						case "id" -> id = value;
						case "event" -> name = value;
						case "data" -> data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
						default -> {
						}
					}
				}
			}
		}
		catch (RuntimeException ex) {
			// closed by the test
		}
		this.ended = true;
	}

	private synchronized void add(Event event) {
		this.events.add(event);
	}

	public synchronized List<Event> events() {
		return List.copyOf(this.events);
	}

	public synchronized List<String> comments() {
		return List.copyOf(this.comments);
	}

	/**
	 * Whether the server completed the stream.
	 */
	public boolean ended() {
		return this.ended;
	}

	public int status() {
		return this.status;
	}

	public String contentType() {
		return this.contentType;
	}

	public synchronized String body() {
		return this.body.toString();
	}

	@Override
	public void close() {
		this.response.thenAccept((response) -> response.body().close());
		this.response.cancel(true);
	}

	/**
	 * One dispatched event.
	 *
	 * @param id the {@code id} field, or {@code null}
	 * @param name the {@code event} field, or {@code null}
	 * @param data the joined {@code data} lines
	 */
	public record Event(String id, String name, String data) {

		public byte[] dataBytes() {
			return this.data.getBytes(StandardCharsets.UTF_8);
		}

	}

}
