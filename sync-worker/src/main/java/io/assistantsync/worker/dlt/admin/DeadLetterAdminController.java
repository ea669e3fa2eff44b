package io.assistantsync.worker.dlt.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.assistantsync.common.problem.ProblemType;
import io.assistantsync.worker.dlt.DeadLetter;
import io.assistantsync.worker.dlt.DeadLetterBrowser;
import io.assistantsync.worker.dlt.DeadLetterFilter;
import io.assistantsync.worker.dlt.DeadLetterJson;
import io.assistantsync.worker.dlt.DeadLetterReplayer;
import io.assistantsync.worker.dlt.InvalidFilterException;
import io.assistantsync.worker.dlt.IsoInstant;
import io.assistantsync.worker.dlt.KafkaUnavailableException;
import io.assistantsync.worker.dlt.Operator;
import io.assistantsync.worker.dlt.ReplayReport;
import io.assistantsync.worker.dlt.ReplayRequest;

/**
 * The admin API of the dead-letter topic, on the worker's port, behind {@link AdminSecurityConfiguration}: the
 * same {@link DeadLetterBrowser} and {@link DeadLetterReplayer} as the {@code dlt} command line.
 */
@RestController
@RequestMapping("/admin/dlt")
class DeadLetterAdminController {

	/** Dead letters listed when the request names no limit. */
	static final int DEFAULT_LIST_LIMIT = 100;

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterAdminController.class);

	private final DeadLetterBrowser browser;

	private final DeadLetterReplayer replayer;

	DeadLetterAdminController(DeadLetterBrowser browser, DeadLetterReplayer replayer) {
		this.browser = browser;
		this.replayer = replayer;
	}

	@GetMapping
	Map<String, Object> list(@RequestParam(name = "assistantId", required = false) List<String> assistantIds,
			@RequestParam(required = false) String since, @RequestParam(required = false) String until,
			@RequestParam(required = false) String exceptionType, @RequestParam(required = false) String limit) {
		DeadLetterFilter filter = new DeadLetterFilter(assistantIds, IsoInstant.parse("since", since),
				IsoInstant.parse("until", until), exceptionType, limit(limit));
		List<DeadLetter> deadLetters = new ArrayList<>();
		DeadLetterBrowser.Listing listing = this.browser.list(filter, deadLetters::add);
		return DeadLetterJson.listing(deadLetters, listing);
	}

	@PostMapping("/replay")
	ResponseEntity<Map<String, Object>> replay(@RequestBody(required = false) byte[] body,
			Authentication caller) {
		ReplayRequest request = AdminReplayBody.parse(body).toRequest();
		ReplayReport report = this.replayer.replay(request, operator(caller));
		logger.info("Admin API replay {} of {}: replayed {}, skipped {}{}", report.auditEventId(), report.topic(),
				report.replayed().size(), report.skipped().size(), report.dryRun() ? " (dry run)" : "");
		// the run did not do all it should (Kafka refused acknowledgements, the commit or the audit event)
		HttpStatus status = report.problems().isEmpty() ? HttpStatus.OK : HttpStatus.BAD_GATEWAY;
		return ResponseEntity.status(status).body(DeadLetterJson.report(report));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidFilter(InvalidFilterException ex) {
		return problem(AdminProblems.invalidRequest(ex.field(), ex.problem()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> kafkaUnavailable(KafkaUnavailableException ex) {
		logger.warn("Admin API call failed: {}", ex.getMessage());
		return problem(AdminProblems.problem(ProblemType.KAFKA_UNAVAILABLE, ex.getMessage()));
	}

	/**
	 * Who runs a replay through the admin API, for its audit event: a JWT's subject, or for the static ops token
	 * its fingerprint, never the token.
	 */
	static Operator operator(Authentication caller) {
		if (caller instanceof JwtAuthenticationToken jwt) {
			String subject = jwt.getToken().getSubject();
			return Operator.jwt((subject != null && !subject.isBlank()) ? subject : jwt.getName());
		}
		if (caller instanceof OpsTokenAuthentication opsToken) {
			return Operator.opsToken(opsToken.fingerprint());
		}
		throw new IllegalStateException("The admin API let in a caller of an unknown kind");
	}

	private static Integer limit(String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIST_LIMIT;
		}
		try {
			return Integer.valueOf(limit.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidFilterException("limit", "must be a whole number, was '" + limit + "'");
		}
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus()).body(problem);
	}

}
