package io.assistantsync.api.system;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error as {@code application/problem+json}: Spring MVC's own (404, 405, 415, …), this
 * API's {@link ApiProblems}, an unreachable database as 503, and anything unexpected as a 500 that names
 * no Java type.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final URI BLANK = URI.create("about:blank");

	private static final String RETRY_AFTER_SECONDS = "5";

	/** During an outage every request fails the same way: one WARN line per interval, the rest at DEBUG. */
	private static final long STORE_WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final AtomicLong lastStoreWarning = new AtomicLong(System.nanoTime() - STORE_WARNING_INTERVAL_NANOS);

	/**
	 * The database is unreachable or asked for a retry: nothing was committed, so the client may retry.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<Object> handleStoreUnavailable(Exception ex, WebRequest request) {
		long now = System.nanoTime();
		long last = this.lastStoreWarning.get();
		if (now - last >= STORE_WARNING_INTERVAL_NANOS && this.lastStoreWarning.compareAndSet(last, now)) {
			log.warn("Database unavailable for {} (further failures within 10 s at DEBUG): {}",
					request.getDescription(false), ex.getMessage());
		}
		else {
			log.debug("Database unavailable for {}: {}", request.getDescription(false), ex.getMessage());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service cannot reach its database; nothing was stored, retry later");
		problem.setTitle("Service unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		return createResponseEntity(problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	/**
	 * A commit or rollback that failed, or an SQL error Spring has no category for: 503 when it is the
	 * database's failure (a connection that broke mid-transaction), else unexpected.
	 */
	@ExceptionHandler({ TransactionSystemException.class, UncategorizedDataAccessException.class })
	ResponseEntity<Object> handleDatabaseFailure(Exception ex, WebRequest request) {
		return DatabaseOutages.isOutage(ex) ? handleStoreUnavailable(ex, request) : handleUnexpected(ex, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		log.error("Unexpected error on {}", request.getDescription(false), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request could not be processed; it has been logged");
		problem.setTitle("Internal error");
		return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	/**
	 * Gives Spring MVC's own problems (405, 406, 415, …) a type of this API instead of {@code about:blank},
	 * and sets the problem media type explicitly, so that an error of an endpoint that produces something else
	 * (the event stream) is still written as a problem, whatever the request's {@code Accept}.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		HttpHeaders problemHeaders = new HttpHeaders();
		problemHeaders.putAll(headers);
		if (body instanceof ProblemDetail problem) {
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
			if (problem.getType() == null || BLANK.equals(problem.getType())) {
				problem.setType(ApiProblems.typeOf(statusCode));
			}
		}
		return new ResponseEntity<>(body, problemHeaders, statusCode);
	}

}
