package io.assistantsync.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.assistantsync.api.assistant.AssistantStore;
import io.assistantsync.api.outbox.Outbox;
import io.assistantsync.api.outbox.OutboxMessage;
import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.common.kafka.CloudEventHeaders;
import io.assistantsync.common.kafka.EventHeaders;
import io.assistantsync.fixtures.SampleAssistants;

/**
 * PostgreSQL doing the api-service's durable work with no application around it: per request one
 * transaction that inserts the assistant row and its outbox row (the statements of {@link AssistantStore}
 * and {@link Outbox}, through a {@link JdbcClient} as there, with the same values), one connection per
 * concurrent client, committed durably. The benchmark's requests carry no {@code Idempotency-Key}, so
 * the api-service writes no key row for them either.
 */
final class DurableWriteLimit {

	private static final String TOPIC = "assistants.pending-create";

	private DurableWriteLimit() {
	}

	/**
	 * Runs {@code concurrency} clients for the duration.
	 * @param connections opens a connection to a database with the api-service's tables
	 * @return transactions per second and commit latencies
	 */
	static LoadResult run(ConnectionSource connections, int concurrency, Duration warmup, Duration duration)
			throws Exception {
		long start = System.nanoTime();
		long measureFrom = start + warmup.toNanos();
		long end = measureFrom + duration.toNanos();
		AtomicLong completed = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		Recorder latencies = new Recorder(60_000_000L, 3);
		List<Thread> threads = new ArrayList<>();
		List<Connection> opened = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			Connection connection = connections.open();
			connection.setAutoCommit(false);
			opened.add(connection);
		}
		for (Connection connection : opened) {
			// the connection's own transaction: JdbcClient finds no Spring transaction and leaves auto-commit off
			JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			Thread thread = new Thread(() -> {
				try {
					while (true) {
						long began = System.nanoTime();
						if (began >= end) {
							return;
						}
						try {
							writeOne(connection, jdbc);
							long done = System.nanoTime();
							if (began >= measureFrom && done <= end) {
								completed.incrementAndGet();
								latencies.recordValue((done - began) / 1000);
							}
						}
						catch (SQLException | DataAccessException ex) {
							errors.incrementAndGet();
							connection.rollback();
						}
					}
				}
				catch (SQLException ex) {
					errors.incrementAndGet();
				}
			}, "durable-write");
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		for (Connection connection : opened) {
			connection.close();
		}
		return new LoadResult(completed.get(), errors.get(), 0, duration.toNanos() / 1e9,
				latencies.getIntervalHistogram(), new long[0]);
	}

	private static void writeOne(Connection connection, JdbcClient jdbc) throws SQLException {
		AssistantSnapshot assistant = SampleAssistants.assistant();
		ProducerRecord<String, byte[]> record = SampleTraffic.pendingCreate(TOPIC, assistant);
		String eventId = CloudEventHeaders.lastText(record.headers(), EventHeaders.CE_ID);
		// the statements and bindings of AssistantStore.insert and Outbox.append
		AssistantStore.insert(jdbc, assistant, eventId).update();
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		Outbox.insert(jdbc, new OutboxMessage(assistant.id(), eventId, TOPIC, assistant.id(), headers, record.value()),
				Instant.now()).update();
		connection.commit();
	}

	/**
	 * Opens connections to the database under test.
	 */
	interface ConnectionSource {

		Connection open() throws SQLException;

	}

}
