package io.assistantsync.worker.dlt.cli;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Import;

import io.assistantsync.common.boot.TopicsProperties;
import io.assistantsync.worker.dlt.DeadLetterConfiguration;
import io.assistantsync.worker.dlt.SyncOpsProperties;

/**
 * The Spring context of the {@code dlt} command line: the worker's configuration properties (so
 * {@code application.yml} and the same environment variables apply), the SSL bundles
 * ({@code spring.ssl.bundle.*}, for {@code spring.kafka.ssl.bundle}) and the tool's core, nothing else; no
 * web server, no listener, no data source, no Flyway. Deliberately not a {@code @Configuration}, so that the
 * worker's component scan does not pick it up.
 */
@ImportAutoConfiguration(SslAutoConfiguration.class)
@EnableConfigurationProperties({ KafkaProperties.class, TopicsProperties.class, SyncOpsProperties.class })
@Import(DeadLetterConfiguration.class)
class DeadLetterToolContext {

}
