package io.assistantsync.worker.dlt;

/**
 * A filter or option of a list or replay that cannot be used; the command line answers exit code 2, the
 * admin API 400.
 */
class InvalidFilterException extends IllegalArgumentException {

	private final String field;

	InvalidFilterException(String field, String problem) {
		super(field + " " + problem);
		this.field = field;
	}

	/**
	 * The offending field, as the admin API names it.
	 * @return e.g. {@code since}
	 */
	String field() {
		return this.field;
	}

	/**
	 * What is wrong with the field, without its name.
	 * @return e.g. {@code must be at least 1, was 0}
	 */
	String problem() {
		return getMessage().substring(this.field.length() + 1);
	}

}
