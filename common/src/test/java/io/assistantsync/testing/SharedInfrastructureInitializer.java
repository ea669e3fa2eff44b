package io.assistantsync.testing;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a service's test context at the shared broker and a fresh database of its own, with topic names
 * unique to the context, so that cached contexts never read each other's events or rows. Use it with
 * {@code @ContextConfiguration(initializers = SharedInfrastructureInitializer.class)}.
 */
public class SharedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The property holding the prefix given to this context's topics. */
	public static final String TOPIC_PREFIX_PROPERTY = "test.topic-prefix";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String application = context.getEnvironment().getProperty("spring.application.name", "app");
		TestDatabase database = TestPostgres.createDatabase(application);
		String prefix = TestKafka.uniqueTopicPrefix();
		TestPropertyValues
			.of("spring.datasource.url=" + database.jdbcUrl(), "spring.datasource.username=" + database.username(),
					"spring.datasource.password=" + database.password(),
					"spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(),
					TOPIC_PREFIX_PROPERTY + "=" + prefix,
					"assistants.topics.pending-create=" + prefix + ".assistants.pending-create",
					"assistants.topics.sync-results=" + prefix + ".assistants.sync-results",
					"assistants.topics.ops-audit=" + prefix + ".assistants.ops-audit")
			.applyTo(context);
	}

}
