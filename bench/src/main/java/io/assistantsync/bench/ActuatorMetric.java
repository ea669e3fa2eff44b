package io.assistantsync.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

import io.assistantsync.common.json.EventJson;

/**
 * Reads one statistic of a metric from a service's {@code /actuator/metrics/{name}} endpoint.
 */
final class ActuatorMetric {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private ActuatorMetric() {
	}

	/**
	 * @param service the service
	 * @param name the metric, e.g. {@code jvm.threads.live}
	 * @param tag a {@code key:value} tag to narrow it to, or {@code null}
	 * @param statistic e.g. {@code VALUE} or {@code COUNT}
	 * @return the value, or -1 when the service does not answer or has no such metric (yet)
	 */
	static double read(BenchedService service, String name, String tag, String statistic) {
		String query = (tag != null) ? "?tag=" + URLEncoder.encode(tag, StandardCharsets.UTF_8) : "";
		HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/metrics/" + name + query))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return -1;
			}
			for (JsonNode measurement : EventJson.mapper().readTree(response.body()).path("measurements")) {
				if (statistic.equals(measurement.path("statistic").asString())) {
					return measurement.path("value").asDouble();
				}
			}
			return -1;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
