package io.assistantsync.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.assistantsync.common.event.AssistantSnapshot;
import io.assistantsync.fixtures.SampleAssistants;

/**
 * PostgreSQL doing the api-service's durable work with no application around it: per request one
 * transaction that inserts the assistant row and its outbox row (the same statements and values as
 * {@code AssistantStore} and {@code Outbox}), one connection per concurrent client, committed durably.
 */
final class DurableWriteLimit {

	private static final String INSERT_ASSISTANT = """
			INSERT INTO assistants (id, name, emoji, description, category, tags, instructions, visibility,
			    version, created_at, updated_at, sync_status, sync_event_id, sync_attempts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, 0)
			""";

	private static final String INSERT_OUTBOX = """
			INSERT INTO outbox (aggregate_id, event_id, topic, record_key, headers, payload, created_at)
			VALUES (?, ?, ?, ?, CAST(? AS json), ?, ?)
			""";

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
			Thread thread = new Thread(() -> {
				try (PreparedStatement assistant = connection.prepareStatement(INSERT_ASSISTANT);
						PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
					while (true) {
						long began = System.nanoTime();
						if (began >= end) {
							return;
						}
						try {
							writeOne(connection, assistant, outbox);
							long done = System.nanoTime();
							if (began >= measureFrom && done <= end) {
								completed.incrementAndGet();
								latencies.recordValue((done - began) / 1000);
							}
						}
						catch (SQLException ex) {
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

	private static void writeOne(Connection connection, PreparedStatement assistantInsert,
			PreparedStatement outboxInsert) throws SQLException {
		AssistantSnapshot assistant = SampleAssistants.assistant();
		ProducerRecord<String, byte[]> record = SampleTraffic.pendingCreate("assistants.pending-create", assistant);
		String eventId = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
		Timestamp now = Timestamp.from(Instant.now());
		int i = 1;
		assistantInsert.setString(i++, assistant.id());
		assistantInsert.setString(i++, assistant.name());
		assistantInsert.setString(i++, assistant.emoji());
		assistantInsert.setString(i++, assistant.description());
		assistantInsert.setString(i++, assistant.category());
		assistantInsert.setArray(i++, connection.createArrayOf("text", assistant.tags().toArray()));
		assistantInsert.setString(i++, assistant.instructions());
		assistantInsert.setString(i++, assistant.visibility().name());
		assistantInsert.setLong(i++, assistant.version());
		assistantInsert.setTimestamp(i++, now);
		assistantInsert.setTimestamp(i++, now);
		assistantInsert.setString(i, eventId);
		assistantInsert.executeUpdate();
		StringBuilder headers = new StringBuilder("{");
		for (var header : record.headers()) {
			if (headers.length() > 1) {
				headers.append(',');
			}
			headers.append('"').append(header.key()).append("\":\"")
				.append(new String(header.value(), StandardCharsets.UTF_8)).append('"');
		}
		headers.append('}');
		i = 1;
		outboxInsert.setString(i++, assistant.id());
		outboxInsert.setString(i++, eventId);
		outboxInsert.setString(i++, "assistants.pending-create");
		outboxInsert.setString(i++, assistant.id());
		outboxInsert.setString(i++, headers.toString());
		outboxInsert.setBytes(i++, record.value());
		outboxInsert.setTimestamp(i, now);
		outboxInsert.executeUpdate();
		connection.commit();
	}

	/**
	 * Opens connections to the database under test.
	 */
	interface ConnectionSource {

		Connection open() throws SQLException;

	}

}
