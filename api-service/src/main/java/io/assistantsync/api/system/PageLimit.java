package io.assistantsync.api.system;

import java.util.List;

import io.assistantsync.common.validation.FieldViolation;

/**
 * The {@code limit} parameter of every paged list: 1–200, 50 when absent (docs/contract.md §2).
 */
public final class PageLimit {

	/** The page size when the request names none. */
	public static final int DEFAULT = 50;

	/** The largest page. */
	public static final int MAX = 200;

	private PageLimit() {
	}

	/**
	 * Reads a {@code limit} parameter.
	 * @param value the parameter, or {@code null}
	 * @param violations receives the violation when it is not an integer from 1 to {@link #MAX}
	 * @return the page size, {@link #DEFAULT} when absent or invalid
	 */
	public static int parse(String value, List<FieldViolation> violations) {
		if (value == null) {
			return DEFAULT;
		}
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= MAX) {
				return limit;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		violations.add(new FieldViolation("limit", "must be an integer from 1 to " + MAX));
		return DEFAULT;
	}

}
