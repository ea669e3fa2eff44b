package io.assistantsync.worker.sync;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.SingleRecordHeader;
import org.springframework.kafka.support.KafkaHeaders;

import io.assistantsync.common.kafka.EventHeaders;

/**
 * The headers of records forwarded to retry and dead-letter topics (docs/contract.md §3): Spring Kafka's
 * standard {@code kafka_dlt-*} headers, the readable {@code x-sync-attempts} and {@code x-sync-error}, and
 * a stack trace capped so that a record near the size limit still fits.
 */
final class ForwardingHeaders {

	/** Longest stack trace header, in bytes. */
	static final int MAX_STACK_TRACE_BYTES = 4096;

	/** Longest exception message header, in bytes. */
	static final int MAX_MESSAGE_BYTES = 2048;

	private ForwardingHeaders() {
	}

	/**
	 * Spring Kafka's dead-letter header names, used for retry topics too (the retry topic factory would
	 * otherwise write {@code kafka_original-*} and {@code kafka_exception-*}).
	 */
	static HeaderNames standardNames() {
		return HeaderNames.Builder.original()
			.offsetHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)
			.timestampHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
			.timestampTypeHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE)
			.topicHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)
			.partitionHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)
			.consumerGroupHeader(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)
			.exception()
			.keyExceptionFqcn(KafkaHeaders.DLT_KEY_EXCEPTION_FQCN)
			.exceptionFqcn(KafkaHeaders.DLT_EXCEPTION_FQCN)
			.exceptionCauseFqcn(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)
			.keyExceptionMessage(KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE)
			.exceptionMessage(KafkaHeaders.DLT_EXCEPTION_MESSAGE)
			.keyExceptionStacktrace(KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE)
			.exceptionStacktrace(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
			.build();
	}

	/**
	 * The readable headers, replacing those of earlier hops.
	 */
	static Headers readable(ConsumerRecord<?, ?> record, Exception failure) {
		Headers headers = new RecordHeaders();
		headers.add(new SingleRecordHeader(EventHeaders.SYNC_ATTEMPTS,
				Integer.toString(RetryHeaders.attempt(record.headers())).getBytes(StandardCharsets.UTF_8)));
		headers.add(new SingleRecordHeader(EventHeaders.SYNC_ERROR,
				SyncErrors.header(failure).getBytes(StandardCharsets.UTF_8)));
		return headers;
	}

	/**
	 * The exception headers, with the message and stack trace capped; replaces those of earlier hops.
	 */
	static void addExceptionHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		HeaderNames.ExceptionInfo info = names.getExceptionInfo();
		// the classified exception, not the container's ListenerExecutionFailedException around it
		Throwable significant = SyncErrors.significant(exception);
		Throwable root = significant;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(),
				significant.getClass().getName());
		replace(headers, info.getExceptionCauseFqcn(), root.getClass().getName());
		String message = (root != significant && root.getMessage() != null)
				? significant.getMessage() + "; " + root.getMessage() : String.valueOf(significant.getMessage());
		replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(),
				Utf8Text.truncate(message, MAX_MESSAGE_BYTES));
		replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
				Utf8Text.truncate(stackTrace(exception), MAX_STACK_TRACE_BYTES));
	}

	private static void replace(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String stackTrace(Throwable exception) {
		StringWriter writer = new StringWriter();
		exception.printStackTrace(new PrintWriter(writer, true));
		return writer.toString();
	}

}
