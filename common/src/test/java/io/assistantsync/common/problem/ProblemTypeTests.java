package io.assistantsync.common.problem;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ProblemTypeTests {

	@Test
	void shouldGiveEveryTypeItsUriTitleAndStatus() {
		assertThat(ProblemType.values()).extracting(ProblemType::type, ProblemType::title, ProblemType::status)
			.containsExactly(tuple(problems("invalid-request"), "Invalid request", 400),
					tuple(problems("unauthorized"), "Unauthorized", 401),
					tuple(problems("not-found"), "Not found", 404), tuple(problems("conflict"), "Conflict", 409),
					tuple(problems("precondition-failed"), "Precondition failed", 412),
					tuple(problems("payload-too-large"), "Payload too large", 413),
					tuple(problems("idempotency-key-reused"), "Idempotency key reused", 422),
					tuple(problems("precondition-required"), "Precondition required", 428),
					tuple(problems("kafka-unavailable"), "Kafka unavailable", 503));
	}

	@Test
	void shouldNameATypeWithoutAConstantUnderTheSameBase() {
		assertThat(ProblemType.typeNamed("method-not-allowed")).isEqualTo(problems("method-not-allowed"));
	}

	private static URI problems(String name) {
		return URI.create("https://assistantsync.io/problems/" + name);
	}

}
