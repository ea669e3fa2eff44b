package io.assistantsync.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import io.assistantsync.common.json.EventJson;

/**
 * Calls a running api-service over HTTP, as a producer would.
 */
public final class ApiTestClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final int port;

	public ApiTestClient(int port) {
		this.port = port;
	}

	/**
	 * POSTs JSON text.
	 * @param path the path
	 * @param json the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> postJson(String path, String json, String... headers) {
		return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
	}

	/**
	 * Creates an assistant and checks that it was accepted.
	 * @param json the request body
	 * @return the new assistant's id
	 * @throws AssertionError when the answer is not 202
	 */
	public String createAssistant(String json) {
		HttpResponse<String> created = postJson("/api/assistants", json);
		if (created.statusCode() != 202) {
			throw new AssertionError("POST /api/assistants answered " + created.statusCode() + ": " + created.body());
		}
		return json(created).get("id").stringValue();
	}

	/**
	 * POSTs any bytes with any content type.
	 * @param path the path
	 * @param contentType the Content-Type, or {@code null} for none
	 * @param body the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String contentType, byte[] body, String... headers) {
		HttpRequest.Builder request = request(path, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.build());
	}

	/**
	 * Sends a request of any method with a body.
	 * @param method PUT, PATCH, DELETE, …
	 * @param path the path
	 * @param contentType the Content-Type, or {@code null} for none
	 * @param body the body, or {@code null} for none
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = request(path, headers).method(method,
				(body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
						: HttpRequest.BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request.build());
	}

	/**
	 * PUTs JSON text.
	 */
	public HttpResponse<String> putJson(String path, String json, String... headers) {
		return send("PUT", path, "application/json", json, headers);
	}

	/**
	 * PATCHes a JSON merge patch.
	 */
	public HttpResponse<String> mergePatch(String path, String json, String... headers) {
		return send("PATCH", path, "application/merge-patch+json", json, headers);
	}

	public HttpResponse<String> delete(String path, String... headers) {
		return send("DELETE", path, null, null, headers);
	}

	/**
	 * POSTs a body without a Content-Length (chunked), so the server cannot decide on its size up front.
	 * @param path the path
	 * @param body the body
	 * @return the response
	 */
	public HttpResponse<String> postChunked(String path, byte[] body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
			.build());
	}

	/**
	 * Sends an OPTIONS request, as a browser's CORS preflight does.
	 * @param path the path
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> options(String path, String... headers) {
		return send(request(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
	}

	public HttpResponse<String> get(String path, String... headers) {
		return send(request(path, headers).GET().build());
	}

	/**
	 * Opens a server-sent events stream and records it in the background.
	 * @param path the path
	 * @param headers header names and values, alternating
	 * @return the recorder; close it to disconnect
	 */
	public SseRecorder sse(String path, String... headers) {
		HttpRequest request = request(path, headers).header("Accept", "text/event-stream").GET().build();
		return new SseRecorder(this.http, request);
	}

	/**
	 * Reads a JSON body.
	 * @param response the response
	 * @return the tree
	 */
	public static JsonNode json(HttpResponse<String> response) {
		return EventJson.mapper().readTree(response.body());
	}

	public URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return request;
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
