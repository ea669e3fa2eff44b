package io.assistantsync.worker.sync;

import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationSupport;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.kafka.retrytopic.TopicSuffixingStrategy;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import io.assistantsync.common.boot.TopicsProperties;

/**
 * Spring Kafka's non-blocking retries for the events of the pending-create topic (docs/contract.md §3, §7), combined with blocking
 * retries for outages:
 * <ul>
 * <li>a {@link TransientSyncException} (or anything unclassified) goes to the next delayed retry topic,
 * {@code -retry-1000}, {@code -retry-2000}, … (named after the delay), until the attempts are used up, then
 * to {@code -dlt};</li>
 * <li>a {@link PermanentSyncException} or an unreadable record goes to {@code -dlt} at once;</li>
 * <li>a {@link StoreUnavailableException} or {@link ResultPublicationException} is retried in place, with
 * a back-off growing to {@code sync.store.outage-backoff-max} and no limit: the record stays where it is,
 * no attempt is used up, nothing is dead-lettered however long the outage lasts. The consumer keeps
 * polling between tries, so it stays in its group.</li>
 * </ul>
 * Retry and dead-letter topics get as many partitions as the pending-create topic, and forwarded records
 * keep their partition, so the events of one assistant stay in order.
 */
@Configuration(proxyBeanMethods = false)
class RetryTopicsConfiguration extends RetryTopicConfigurationSupport {

	/** The recoverer that hands failed main-topic records of the batch listener to the retry chain. */
	static final String MAIN_TOPIC_RECOVERER = "mainTopicRecoverer";

	private final SyncStoreProperties store;

	private final SyncListenerProperties listener;

	private final TopicsProperties topics;

	private final ObjectProvider<FailedAttempts> failedAttempts;

	RetryTopicsConfiguration(SyncStoreProperties store, SyncListenerProperties listener, TopicsProperties topics,
			ObjectProvider<FailedAttempts> failedAttempts) {
		this.store = store;
		this.listener = listener;
		this.topics = topics;
		this.failedAttempts = failedAttempts;
	}

	@Bean
	RetryTopicConfiguration pendingCreateRetryTopics(KafkaTemplate<Object, Object> kafka, TopicsProperties topics,
			SyncRetryProperties retry, SyncListenerProperties listener) {
		return RetryTopicConfigurationBuilder.newInstance()
			.includeTopic(topics.pendingCreate())
			.maxAttempts(retry.attempts())
			.exponentialBackoff(retry.initialDelay().toMillis(), retry.multiplier(), retry.maxDelay().toMillis())
			.setTopicSuffixingStrategy(TopicSuffixingStrategy.SUFFIX_WITH_DELAY_VALUE)
			.notRetryOn(List.of(PermanentSyncException.class, DeserializationException.class))
			.traversingCauses()
			.autoCreateTopicsWith(topics.partitions(), (short) topics.replicationFactor())
			.concurrency(listener.effectiveRetryConcurrency(topics.partitions()))
			// outcomes are reported when records are forwarded; nothing needs to consume the DLT here
			.autoStartDltHandler(false)
			.create(kafka);
	}

	/**
	 * The scheduler that resumes retry topic partitions when their next record is due; its own threads, so
	 * that due retries never wait behind other scheduled work.
	 */
	@Bean
	RetryTopicSchedulerWrapper retryTopicScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("retry-due-");
		scheduler.setPoolSize(2);
		scheduler.initialize();
		return new RetryTopicSchedulerWrapper(scheduler);
	}

	/**
	 * The same recoverer the retry chain's containers use, for the main topic's batch listener: it resolves
	 * the next destination from the record's topic, attempt and exception, and adds the same headers.
	 */
	@Bean(MAIN_TOPIC_RECOVERER)
	DeadLetterPublishingRecoverer mainTopicRecoverer(DestinationTopicResolver destinations) {
		DeadLetterPublishingRecovererFactory factory = new DeadLetterPublishingRecovererFactory(destinations);
		configureDeadLetterPublishingContainerFactory().accept(factory);
		return factory.create(PendingCreateListener.ID);
	}

	/**
	 * The main topic is consumed by the batch listener; the record listener's main-topic container only
	 * anchors the retry chain and is never started. With a consumer per partition, a retry topic's error handler
	 * does not seek back after a forwarded record: the next record of the poll is processed from memory, where a
	 * seek and a new fetch each cost tens of milliseconds and made records falling due together hundreds of
	 * milliseconds late ({@link SyncListenerProperties#seeksAfterError(int)}). The retry topics' consumers
	 * poll with a short timeout: a partition paused until its record is due is resumed from the scheduler's
	 * thread, and a resume that lands just before the consumer polls again is only seen when that poll ends,
	 * which with the default timeout made such a retry five seconds late. Their fetches wait a short
	 * {@code retry-fetch-max-wait} at most, since a fetch in flight holds the next one. Their
	 * error handlers report each forwarded record ({@link FailedAttempts}).
	 */
	@Override
	protected void configureCustomizers(CustomizersConfigurer customizers) {
		Properties retryConsumer = new Properties();
		retryConsumer.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
				Long.toString(this.listener.retryFetchMaxWait().toMillis()));
		customizers.customizeListenerContainer(container -> {
			if (PendingCreateListener.ID.equals(container.getListenerId())) {
				container.setAutoStartup(false);
			}
			else {
				container.getContainerProperties().setKafkaConsumerProperties(retryConsumer);
				container.getContainerProperties().setPollTimeout(this.listener.retryPollTimeout().toMillis());
			}
		});
		boolean seeks = this.listener.seeksAfterError(this.topics.partitions());
		customizers.customizeErrorHandler(errors -> {
			errors.setRetryListeners(this.failedAttempts.getObject());
			errors.setSeekAfterError(seeks);
		});
	}

	@Override
	protected void configureBlockingRetries(BlockingRetriesConfigurer blockingRetries) {
		blockingRetries.retryOn(StoreUnavailableException.class, ResultPublicationException.class)
			.backOff(this.store.outageBackOff());
	}

	@Override
	protected Consumer<DeadLetterPublishingRecovererFactory> configureDeadLetterPublishingContainerFactory() {
		return factory -> {
			factory.setHeadersFunction(ForwardingHeaders::readable);
			factory.setDeadLetterPublishingRecovererCustomizer(recoverer -> {
				recoverer.setHeaderNamesSupplier(ForwardingHeaders::standardNames);
				recoverer.setExceptionHeadersCreator(ForwardingHeaders::addExceptionHeaders);
			});
			factory.neverLogListenerException();
		};
	}

}
