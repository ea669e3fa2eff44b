package io.assistantsync.api.assistant;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;

import io.assistantsync.api.system.ApiProblems;

/**
 * Reads request bodies up to a limit, decided before any parsing: a declared {@code Content-Length} over
 * the limit is refused unread, and a chunked body is cut off one byte past the limit.
 */
final class RequestBodies {

	/** The largest body accepted (docs/contract.md §2). */
	static final int MAX_BYTES = 64 * 1024;

	private RequestBodies() {
	}

	static byte[] read(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			throw ApiProblems.payloadTooLarge(MAX_BYTES);
		}
		try (InputStream body = request.getInputStream()) {
			byte[] bytes = body.readNBytes(MAX_BYTES + 1);
			if (bytes.length > MAX_BYTES) {
				throw ApiProblems.payloadTooLarge(MAX_BYTES);
			}
			return bytes;
		}
	}

}
