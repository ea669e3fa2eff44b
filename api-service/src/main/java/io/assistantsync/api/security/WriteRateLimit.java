package io.assistantsync.api.security;

import java.time.Duration;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerInterceptor;

import io.assistantsync.api.system.ApiProblems;

/**
 * A token bucket per owner for writes (Bucket4j): a write beyond the owner's budget answers 429 with
 * {@code Retry-After} before the handler runs, so nothing is stored. Buckets of owners that stopped writing
 * are dropped after a while; reads are not limited, and nothing is limited without authentication
 * ({@code none} mode), where every caller is the same owner.
 */
@Component
class WriteRateLimit implements HandlerInterceptor {

	private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final SecurityProperties.RateLimit limit;

	private final boolean enabled;

	private final CurrentOwner owner;

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.maximumSize(100_000)
		.build();

	WriteRateLimit(SecurityProperties properties, CurrentOwner owner) {
		this.limit = properties.rateLimit();
		// without authentication every caller is the same owner: one bucket would throttle the whole service
		this.enabled = this.limit.enabled() && properties.mode() == SecurityProperties.Mode.JWT;
		this.owner = owner;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!this.enabled || !WRITES.contains(request.getMethod())) {
			return true;
		}
		ConsumptionProbe probe = this.buckets.get(this.owner.id(), ownerId -> newBucket())
			.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			return true;
		}
		throw tooManyRequests(Duration.ofNanos(probe.getNanosToWaitForRefill()));
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit(bandwidth -> bandwidth.capacity(this.limit.capacity())
				.refillGreedy(this.limit.refillPerSecond(), Duration.ofSeconds(1)))
			.build();
	}

	private static ErrorResponseException tooManyRequests(Duration wait) {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Too many writes for this owner; nothing was stored, retry after " + seconds + " s");
		problem.setType(ApiProblems.typeOf(HttpStatus.TOO_MANY_REQUESTS));
		problem.setTitle("Too many requests");
		ErrorResponseException exception = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return exception;
	}

}
