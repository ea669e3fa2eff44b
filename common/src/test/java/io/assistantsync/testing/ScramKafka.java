package io.assistantsync.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.awaitility.Awaitility;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A locked-down Kafka broker of its own, for security tests (not the shared {@link TestKafka}): spring-kafka-test's
 * in-JVM KRaft broker with a SASL listener that accepts SCRAM-SHA-512 and Kafka's standard authorizer, which denies
 * whatever no ACL allows. Its plain listener is the administrator's: its anonymous principal is the super user that
 * creates the users and the ACLs. Close it at the end.
 */
public final class ScramKafka implements AutoCloseable {

	/** The SASL mechanism of the SASL listener. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	/** The security protocol of the SASL listener. */
	public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

	private static final String SASL_LISTENER = "SASL";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final EmbeddedKafkaKraftBroker broker;

	private final Admin admin;

	private ScramKafka(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, adminBootstrapServers()));
	}

	/**
	 * Starts a broker with one SASL listener (SCRAM-SHA-512) and ACLs enforced; no topic is created automatically.
	 * @return the running broker
	 */
	public static ScramKafka start() {
		// the embedded broker publishes its address as system properties; the shared broker's must stay
		String embeddedBrokers = System.getProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerListProperty("test.scram-kafka.admin-bootstrap-servers");
		Map<String, String> properties = new LinkedHashMap<>();
		// EXTERNAL and CONTROLLER are the test kit's own listeners (it binds their ports); SASL gets a random port
		properties.put("listeners",
				"EXTERNAL://localhost:0,CONTROLLER://localhost:0," + SASL_LISTENER + "://localhost:0");
		properties.put("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT," + SASL_LISTENER + ":" + SECURITY_PROTOCOL);
		properties.put("sasl.enabled.mechanisms", MECHANISM);
		properties.put("listener.name.sasl.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		properties.put("authorizer.class.name", StandardAuthorizer.class.getName());
		properties.put("super.users", "User:ANONYMOUS");
		properties.put("allow.everyone.if.no.acl.found", "false");
		properties.put("auto.create.topics.enable", "false");
		properties.put("offsets.topic.num.partitions", "2");
		properties.put("group.initial.rebalance.delay.ms", "0");
		broker.brokerProperties(properties);
		try {
			broker.afterPropertiesSet();
		}
		finally {
			if (embeddedBrokers != null) {
				System.setProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS, embeddedBrokers);
			}
			else {
				System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
			}
		}
		return new ScramKafka(broker);
	}

	/**
	 * The SASL listener, where the services connect.
	 * @return {@code localhost:port}
	 */
	public String bootstrapServers() {
		KafkaClusterTestKit cluster = this.broker.getCluster();
		int port = cluster.brokers().values().iterator().next().boundPort(new ListenerName(SASL_LISTENER));
		return "localhost:" + port;
	}

	/**
	 * The plain listener, where the administrator (a super user) connects.
	 * @return the test kit's bootstrap servers
	 */
	public String adminBootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	/**
	 * An admin client of the super user.
	 * @return the client, closed with the broker
	 */
	public Admin admin() {
		return this.admin;
	}

	/**
	 * Kafka client settings that log in on the SASL listener.
	 * @param user the SCRAM user
	 * @param password its password
	 * @return bootstrap servers, security protocol, mechanism and JAAS configuration
	 */
	public Map<String, Object> clientProperties(String user, String password) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
		properties.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(user, password));
		return properties;
	}

	/**
	 * The same settings as Spring Boot properties, the way a service is configured.
	 * @param user the SCRAM user
	 * @param password its password
	 * @return {@code spring.kafka.*} properties
	 */
	public Map<String, String> springProperties(String user, String password) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		properties.put("spring.kafka.security.protocol", SECURITY_PROTOCOL);
		properties.put("spring.kafka.properties.sasl.mechanism", MECHANISM);
		properties.put("spring.kafka.properties.sasl.jaas.config", jaasConfig(user, password));
		return properties;
	}

	/**
	 * Creates a SCRAM-SHA-512 user and waits until it can log in.
	 * @param user the user name, the principal {@code User:<user>}
	 * @param password its password
	 */
	public void createUser(String user, String password) {
		try {
			this.admin
				.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
				.all()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create the SCRAM user " + user, ex);
		}
		// the credential reaches the broker's metadata asynchronously; until then a login fails
		Map<String, Object> config = new LinkedHashMap<>(clientProperties(user, password));
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try (Admin login = Admin.create(config)) {
				login.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
				return;
			}
			catch (Exception ex) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("The SCRAM user " + user + " cannot log in on "
							+ bootstrapServers(), ex);
				}
			}
		}
	}

	/**
	 * Adds ACLs and waits until the broker enforces them.
	 * @param acls the ACLs
	 */
	public void allow(Collection<AclBinding> acls) {
		try {
			this.admin.createAcls(acls).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create the ACLs " + acls, ex);
		}
		Awaitility.await("ACLs in force").atMost(TIMEOUT).ignoreExceptions().until(() -> new HashSet<>(
				this.admin.describeAcls(AclBindingFilter.ANY).values().get(5, TimeUnit.SECONDS))
			.containsAll(acls));
	}

	/**
	 * Everything a topic holds now, read by the administrator.
	 * @param topic the topic
	 * @return its records, partition after partition
	 */
	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, adminBootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT)
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Cannot read " + topic + " up to " + ends);
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
		this.broker.destroy();
		System.clearProperty("test.scram-kafka.admin-bootstrap-servers");
	}

	private static String jaasConfig(String user, String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
				+ "\" password=\"" + password + "\";";
	}

}
