package io.assistantsync.worker.dlt.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.assistantsync.worker.SyncWorkerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker without an ops token: the admin API is off, never open.
 */
@SyncWorkerIntegrationTest
class AdminApiOffIntegrationTests {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void shouldAnswer404ForEveryAdminPathWhateverTheToken() throws Exception {
		for (String path : new String[] { "/admin", "/admin/dlt", "/admin/dlt?assistantId=x", "/admin/other" }) {
			for (String authorization : new String[] { null, "Bearer anything" }) {
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + path));
				if (authorization != null) {
					request.header("Authorization", authorization);
				}
				HttpResponse<String> response = this.http.send(request.GET().build(),
						HttpResponse.BodyHandlers.ofString());

				assertThat(response.statusCode()).as(path).isEqualTo(404);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(response.body()).contains("\"status\":404");
			}
		}
		HttpResponse<String> replay = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/admin/dlt/replay"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{}"))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(replay.statusCode()).isEqualTo(404);
	}

}
