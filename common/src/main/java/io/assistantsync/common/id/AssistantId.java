package io.assistantsync.common.id;

import java.util.regex.Pattern;

/**
 * The id of an assistant: a nanoid made by {@link IdGenerator}, never taken from a client.
 *
 * @param value 21 characters of {@code [A-Za-z0-9_-]}
 */
public record AssistantId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{" + IdGenerator.LENGTH + "}");

	public AssistantId {
		if (!isWellFormed(value)) {
			throw new IllegalArgumentException("Not an assistant id: '" + value + "'");
		}
	}

	/**
	 * Whether a string has the form of an id, so that lookups of malformed ids can answer 404 without
	 * touching the database.
	 * @param value the candidate
	 * @return {@code true} when it could be an id
	 */
	public static boolean isWellFormed(String value) {
		return value != null && FORMAT.matcher(value).matches();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
