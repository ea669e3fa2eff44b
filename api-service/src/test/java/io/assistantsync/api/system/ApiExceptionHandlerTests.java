package io.assistantsync.api.system;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ApiExceptionHandlerTests {

	private final ApiExceptionHandler handler = new ApiExceptionHandler();

	private final ServletWebRequest request = new ServletWebRequest(
			new MockHttpServletRequest("POST", "/api/assistants"), new MockHttpServletResponse());

	@Test
	void shouldAnswer503WhenTheDatabaseIsUnreachable() {
		for (Exception outage : new Exception[] { new CannotGetJdbcConnectionException("pool timed out"),
				new CannotCreateTransactionException("could not open a connection") }) {
			ResponseEntity<Object> response = this.handler.handleStoreUnavailable(outage, this.request);

			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
			ProblemDetail problem = (ProblemDetail) response.getBody();
			assertThat(problem.getType().toString()).endsWith("/service-unavailable");
			assertThat(problem.getDetail()).doesNotContain("pool", "connection");
		}
	}

	@Test
	void shouldAnswer503WhenTheConnectionBrokeMidTransactionAnd500ForOtherUncategorizedFailures() {
		ResponseEntity<Object> brokenRollback = this.handler.handleDatabaseFailure(new TransactionSystemException(
				"JDBC rollback failed", new SQLException("This connection has been closed.", "08003")), this.request);
		ResponseEntity<Object> brokenStatement = this.handler.handleDatabaseFailure(new UncategorizedSQLException(
				"insert", "INSERT", new SQLException("An I/O error occurred", "08006")), this.request);
		ResponseEntity<Object> other = this.handler.handleDatabaseFailure(
				new UncategorizedSQLException("insert", "INSERT", new SQLException("something else", "XX000")),
				this.request);

		assertThat(brokenRollback.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(brokenRollback.getHeaders().getFirst("Retry-After")).isEqualTo("5");
		assertThat(brokenStatement.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(other.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
	}

	@Test
	void shouldAnswer500WithoutNamingTheException() {
		ResponseEntity<Object> response = this.handler
			.handleUnexpected(new IllegalStateException("java.lang.secret internals"), this.request);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		ProblemDetail problem = (ProblemDetail) response.getBody();
		assertThat(problem.getType().toString()).endsWith("/internal-server-error");
		assertThat(problem.getDetail()).doesNotContain("IllegalState", "java", "secret");
	}

}
