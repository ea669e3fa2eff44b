package io.assistantsync.common.event;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An assistant as accepted by the api-service: every resource field of docs/contract.md §1 except
 * {@code sync}. This is what a pending-create event carries and what the authoritative store keeps.
 *
 * @param id server-generated nanoid
 * @param ownerId who owns it: the producer's token subject (or configured claim); absent from events written
 * before owners existed
 * @param name 1–100 code points, trimmed
 * @param emoji 1–16 code points
 * @param description up to 2,000 code points, or {@code null}
 * @param category up to 50 characters of {@code [a-z0-9-]}, or {@code null}
 * @param tags up to 20 distinct tags, never {@code null}
 * @param instructions up to 20,000 code points, or {@code null}
 * @param visibility {@code PRIVATE} or {@code PUBLIC}
 * @param version starts at 1; a higher version supersedes a lower one
 * @param createdAt server clock, UTC, milliseconds
 * @param updatedAt server clock, UTC, milliseconds
 */
public record AssistantSnapshot(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String ownerId, String name, String emoji, String description, String category,
		List<String> tags, String instructions, Visibility visibility, long version, Instant createdAt,
		Instant updatedAt) {

	public AssistantSnapshot {
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

}
