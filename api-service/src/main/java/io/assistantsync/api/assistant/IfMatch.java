package io.assistantsync.api.assistant;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@code If-Match} header (RFC 9110 §13.1.1): {@code *}, or a list of entity tags of which a strong one must
 * equal the current one, {@code "<version>"}. Weak tags ({@code W/"…"}) never match, as the strong comparison
 * the header asks for has it; a header that is not a valid list matches nothing.
 */
final class IfMatch {

	private static final String ANY = "*";

	private final boolean any;

	private final List<String> strongTags;

	private IfMatch(boolean any, List<String> strongTags) {
		this.any = any;
		this.strongTags = strongTags;
	}

	/**
	 * Reads the header's value, several lines joined by commas.
	 * @param value the value, not {@code null}
	 * @return the condition
	 */
	static IfMatch parse(String value) {
		String trimmed = value.strip();
		if (ANY.equals(trimmed)) {
			return new IfMatch(true, List.of());
		}
		List<String> strong = new ArrayList<>();
		int i = 0;
		int length = trimmed.length();
		while (i < length) {
			char c = trimmed.charAt(i);
			if (c == ',' || c == ' ' || c == '\t') {
				i++;
				continue;
			}
			boolean weak = trimmed.startsWith("W/", i);
			int open = weak ? i + 2 : i;
			int close = (open < length && trimmed.charAt(open) == '"') ? trimmed.indexOf('"', open + 1) : -1;
			if (close < 0) {
				return new IfMatch(false, List.of());
			}
			if (!weak) {
				strong.add(trimmed.substring(open, close + 1));
			}
			i = close + 1;
			// an entity tag ends the element: only whitespace may come before the next comma
			while (i < length && (trimmed.charAt(i) == ' ' || trimmed.charAt(i) == '\t')) {
				i++;
			}
			if (i < length && trimmed.charAt(i) != ',') {
				return new IfMatch(false, List.of());
			}
		}
		return new IfMatch(false, List.copyOf(strong));
	}

	/**
	 * The entity tag of a version.
	 * @param version the version
	 * @return {@code "<version>"}, quotes included
	 */
	static String entityTag(long version) {
		return "\"" + version + "\"";
	}

	/**
	 * Whether the condition holds for an existing assistant at a version.
	 * @param version its current version
	 * @return {@code true} for {@code *} or a listed strong tag equal to the version's
	 */
	boolean matches(long version) {
		return this.any || this.strongTags.contains(entityTag(version));
	}

}
