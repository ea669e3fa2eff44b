package io.assistantsync.worker.dlt;

/**
 * A filter or option of a list or replay that cannot be used; the command line answers exit code 2, the
 * admin API 400.
 */
public class InvalidFilterException extends IllegalArgumentException {

	private final String field;

	public InvalidFilterException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	/**
	 * The offending field, as the admin API names it.
	 * @return e.g. {@code since}
	 */
	public String field() {
		return this.field;
	}

	/**
	 * What is wrong with the field, without its name.
	 * @return e.g. {@code must be at least 1, was 0}
	 */
	public String problem() {
		return getMessage().substring(this.field.length() + 1);
	}

}
