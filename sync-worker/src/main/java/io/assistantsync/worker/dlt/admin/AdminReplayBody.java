package io.assistantsync.worker.dlt.admin;

import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import io.assistantsync.common.json.EventJson;
import io.assistantsync.worker.dlt.DeadLetterFilter;
import io.assistantsync.worker.dlt.InvalidFilterException;
import io.assistantsync.worker.dlt.IsoInstant;
import io.assistantsync.worker.dlt.ReplayRequest;

/**
 * The body of {@code POST /admin/dlt/replay}. Unknown fields are refused, so that a typo such as
 * {@code "dryrun": true} never turns a dry run into a real one.
 *
 * @param assistantIds only these assistants
 * @param since dead-lettered at or after (ISO-8601)
 * @param until dead-lettered before (ISO-8601)
 * @param exceptionType fully qualified or simple exception class name
 * @param limit replay at most this many records
 * @param dryRun report only
 * @param fromBeginning also take what earlier replays took
 * @param force override the loop guard
 */
record AdminReplayBody(List<String> assistantIds, String since, String until, String exceptionType, Integer limit,
		Boolean dryRun, Boolean fromBeginning, Boolean force) {

	private static final JsonMapper STRICT = EventJson.mapper()
		.rebuild()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Reads a request body.
	 * @param body the bytes
	 * @return the body
	 * @throws InvalidFilterException when the body is missing, not JSON, has unknown fields or wrong types
	 */
	static AdminReplayBody parse(byte[] body) {
		if (body == null || body.length == 0) {
			throw new InvalidFilterException("body", "is required, e.g. {\"dryRun\": true}");
		}
		try {
			AdminReplayBody parsed = STRICT.readValue(body, AdminReplayBody.class);
			if (parsed == null) {
				throw new InvalidFilterException("body", "must be a JSON object");
			}
			return parsed;
		}
		catch (UnrecognizedPropertyException ex) {
			throw new InvalidFilterException(ex.getPropertyName(), "is not a field of a replay request");
		}
		catch (MismatchedInputException ex) {
			String field = ex.getPath().isEmpty() ? "body" : ex.getPath().get(0).getPropertyName();
			throw new InvalidFilterException((field != null) ? field : "body", "has the wrong type");
		}
		catch (JacksonException ex) {
			throw new InvalidFilterException("body", "is not valid JSON");
		}
	}

	/**
	 * The replay this body asks for.
	 * @return the request; absent booleans are {@code false}
	 * @throws InvalidFilterException when a filter cannot be used
	 */
	ReplayRequest toRequest() {
		DeadLetterFilter filter = new DeadLetterFilter(this.assistantIds, IsoInstant.parse("since", this.since),
				IsoInstant.parse("until", this.until), this.exceptionType, this.limit);
		return new ReplayRequest(filter, Boolean.TRUE.equals(this.dryRun), Boolean.TRUE.equals(this.fromBeginning),
				Boolean.TRUE.equals(this.force), null);
	}

}
