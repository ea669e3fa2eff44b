package io.assistantsync.localstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JdbcTargetTests {

	@Test
	void shouldReadTheDatabaseName() {
		assertThat(new JdbcTarget("jdbc:postgresql://localhost:5432/assistants_api", "postgres", "").databaseName())
			.isEqualTo("assistants_api");
		assertThat(new JdbcTarget("jdbc:postgresql://db/authority?sslmode=require", "u", "p").databaseName())
			.isEqualTo("authority");
	}

	@Test
	void shouldSwitchTheDatabaseKeepingServerCredentialsAndParameters() {
		JdbcTarget target = new JdbcTarget("jdbc:postgresql://db:6543/authority?sslmode=require", "u", "p");

		assertThat(target.withDatabase("postgres"))
			.isEqualTo(new JdbcTarget("jdbc:postgresql://db:6543/postgres?sslmode=require", "u", "p"));
	}

	@Test
	void shouldRejectAUrlThatIsNotPostgres() {
		assertThatExceptionOfType(LocalStackException.class)
			.isThrownBy(() -> new JdbcTarget("jdbc:mysql://db/x", "u", "p"))
			.withMessageContaining("'jdbc:mysql://db/x' is not a PostgreSQL JDBC URL");
	}

}
