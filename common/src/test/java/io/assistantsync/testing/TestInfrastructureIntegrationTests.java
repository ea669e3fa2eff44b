package io.assistantsync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TestInfrastructureIntegrationTests {

	@Test
	void shouldProduceAndConsumeThroughTheSharedBroker() throws Exception {
		String topic = TestKafka.uniqueTopicPrefix() + ".probe";
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers(), ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
			producer.send(new ProducerRecord<>(topic, "key", "value")).get();
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				TestKafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, UUID.randomUUID().toString(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
			consumer.subscribe(List.of(topic));
			ConsumerRecords<String, String> records = ConsumerRecords.empty();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				records = consumer.poll(Duration.ofMillis(500));
			}
			assertThat(records).extracting(r -> r.value()).containsExactly("value");
		}
	}

	@Test
	void shouldGiveEveryCallerADatabaseOfItsOwn() throws SQLException {
		try (TestDatabase first = TestPostgres.createDatabase("probe");
				TestDatabase second = TestPostgres.createDatabase("probe")) {
			assertThat(first.name()).isNotEqualTo(second.name());
			execute(first, "CREATE TABLE t (id int)");
			assertThat(query(first, "SELECT count(*) FROM t")).isZero();
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> query(second, "SELECT count(*) FROM t"));
			assertThat(query(first, "SELECT current_setting('server_version_num')::int / 10000")).isEqualTo(17);
		}
	}

	@Test
	void shouldKeepDataAcrossARestartOfARestartableServer() throws SQLException {
		try (RestartablePostgres postgres = TestPostgres.startRestartable()) {
			String url = postgres.createDatabase("outage");
			try (Connection connection = DriverManager.getConnection(url, "postgres", "");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE t (id int); INSERT INTO t VALUES (1)");
			}
			postgres.stop();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close());
			postgres.start();
			try (Connection connection = DriverManager.getConnection(url, "postgres", "");
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT count(*) FROM t")) {
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(1);
			}
		}
	}

	private static void execute(TestDatabase database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static int query(TestDatabase database, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
