package io.assistantsync.worker.sync;

import java.util.function.BiFunction;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Spring Kafka's recoverer for retry and dead-letter topics, which also reports the outcome once the
 * forwarded record is acknowledged (the factory makes it wait for the send result).
 */
class OutcomeReportingRecoverer extends DeadLetterPublishingRecoverer {

	private static final ThreadLocal<Exception> failure = new ThreadLocal<>();

	private final ForwardedOutcomes outcomes;

	OutcomeReportingRecoverer(Function<ProducerRecord<?, ?>, ? extends KafkaOperations<?, ?>> templateResolver,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destinationResolver,
			ForwardedOutcomes outcomes) {
		super(templateResolver, destinationResolver);
		this.outcomes = outcomes;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
		failure.set(exception);
		try {
			super.accept(record, consumer, exception);
		}
		finally {
			failure.remove();
		}
	}

	@Override
	protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> kafkaTemplate,
			ConsumerRecord<?, ?> inRecord) {
		super.publish(outRecord, kafkaTemplate, inRecord);
		this.outcomes.forwarded(inRecord, outRecord, failure.get());
	}

}
