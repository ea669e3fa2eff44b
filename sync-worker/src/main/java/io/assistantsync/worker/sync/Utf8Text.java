package io.assistantsync.worker.sync;

import java.nio.charset.StandardCharsets;

/**
 * Cuts text to a size in UTF-8 bytes, for headers and messages with a size limit, never inside a character.
 */
final class Utf8Text {

	private static final String ELLIPSIS = "...";

	private Utf8Text() {
	}

	/**
	 * Cuts text so that its UTF-8 encoding, an ellipsis included, fits.
	 * @param text the text
	 * @param maxBytes the most UTF-8 bytes allowed
	 * @return the text itself when it fits, else its longest prefix that fits with {@code ...} appended
	 */
	static String truncate(String text, int maxBytes) {
		if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
			return text;
		}
		int budget = maxBytes - ELLIPSIS.length();
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			int size = (codePoint < 0x80) ? 1 : (codePoint < 0x800) ? 2 : (codePoint < 0x10000) ? 3 : 4;
			if (size > budget) {
				break;
			}
			budget -= size;
			end += Character.charCount(codePoint);
		}
		return text.substring(0, end) + ELLIPSIS;
	}

}
