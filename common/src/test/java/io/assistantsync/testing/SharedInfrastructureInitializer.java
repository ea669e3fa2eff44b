package io.assistantsync.testing;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service's test context at the shared broker and a fresh database of its own, with topic names and
 * a consumer group unique to the context, so that cached contexts never read each other's events or rows. Use it with
 * {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)}.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property holding the prefix given to this context's topics. */
	public static final String TOPIC_PREFIX_PROPERTY = "test.topic-prefix";

	private static final Deque<ConfigurableApplicationContext> contexts = new ConcurrentLinkedDeque<>();

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		contexts.push(context);
		String application = context.getEnvironment().getProperty("spring.application.name", "app");
		TestDatabase database = TestPostgres.createDatabase(application);
		String prefix = TestKafka.uniqueTopicPrefix();
		TestPropertyValues
			.of("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
					"spring.datasource.password=" + database.password(),
					"spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					TOPIC_PREFIX_PROPERTY + "=" + prefix,
					// a consumer group of its own: contexts paused and resumed by Spring's test context cache
					// never rebalance each other's consumers
					"spring.kafka.consumer.group-id=" + application + "-" + prefix,
					"assistants.topics.pending-create=" + prefix + ".assistants.pending-create",
					"assistants.topics.sync-results=" + prefix + ".assistants.sync-results",
					"assistants.topics.ops-audit=" + prefix + ".assistants.ops-audit")
			.applyTo(context);
	}

	/**
	 * Closes every context this initializer prepared, newest first, so that no listener or relay outlives
	 * the broker and the database at the end of the run. Spring's context cache keeps them open until JVM
	 * shutdown otherwise.
	 */
	static void closeAll() {
		ConfigurableApplicationContext context;
		while ((context = contexts.poll()) != null) {
			try {
				context.close();
			}
			catch (RuntimeException ex) {
				// a context that fails to close must not keep the others open
			}
		}
	}

}
