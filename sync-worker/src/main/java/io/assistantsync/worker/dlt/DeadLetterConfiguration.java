package io.assistantsync.worker.dlt;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.assistantsync.common.id.IdGenerator;
import io.assistantsync.common.boot.TopicsProperties;

/**
 * The core of the dead-letter tool, the same in the worker (behind the admin API) and in the {@code dlt}
 * command line, which starts only this and the configuration properties it needs.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

	@Bean
	DeadLetterClients deadLetterClients(KafkaProperties kafka, TopicsProperties topics, SyncOpsProperties ops,
			ObjectProvider<SslBundles> sslBundles) {
		return new DeadLetterClients(kafka, topics, ops, sslBundles.getIfAvailable());
	}

	@Bean
	DeadLetterBrowser deadLetterBrowser(DeadLetterClients clients) {
		return new DeadLetterBrowser(clients);
	}

	@Bean
	DeadLetterReplayer deadLetterReplayer(DeadLetterClients clients, SyncOpsProperties ops,
			ObjectProvider<Clock> clock) {
		ReplayAuditor auditor = new ReplayAuditor(clients.auditTopic(), clock.getIfAvailable(Clock::systemUTC));
		return new DeadLetterReplayer(clients, auditor, ops, new IdGenerator());
	}

}
