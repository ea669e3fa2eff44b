package io.assistantsync.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import io.assistantsync.testing.SharedInfrastructureInitializer;

/**
 * A full api-service on a random port, against the shared Kafka broker and a PostgreSQL database of its
 * own, with topics and a consumer group of its own. Every test class uses exactly this configuration, so
 * the context is started once per run.
 * <p>
 * The relay's fallback poll is made long, so that tests show the commit wake-up rather than the poll;
 * producer timeouts and the relay back-off are made short, so that broker outages resolve quickly. The
 * reconciler runs often but finds an assistant stale only after an hour, which no test waits for: tests that
 * need a stale assistant date its rows back.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "assistants.sync.consumer-group=api-service-${test.topic-prefix}",
				"assistants.outbox.poll-interval=5s", "assistants.outbox.backoff.initial=200ms",
				"assistants.outbox.backoff.max=1s", "assistants.sse.heartbeat-interval=1s",
				"assistants.reconcile.interval=200ms", "assistants.reconcile.stale-after=1h",
				"spring.kafka.producer.properties.request.timeout.ms=2000",
				"spring.kafka.producer.properties.delivery.timeout.ms=4000",
				"spring.kafka.producer.properties.max.block.ms=1000", "assistants.security.mode=none" })
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
public @interface ApiServiceIntegrationTest {

}
