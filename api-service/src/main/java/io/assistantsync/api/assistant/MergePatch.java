package io.assistantsync.api.assistant;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Merge Patch (RFC 7396): a patch object replaces the members it names, removes those it sets to
 * {@code null} and merges nested objects; any other patch value replaces the target as a whole.
 */
final class MergePatch {

	private MergePatch() {
	}

	/**
	 * Applies a patch.
	 * @param target the document to patch; not modified
	 * @param patch the patch
	 * @return the patched document
	 */
	static JsonNode apply(JsonNode target, JsonNode patch) {
		if (!patch.isObject()) {
			return patch;
		}
		ObjectNode result = (target != null && target.isObject()) ? ((ObjectNode) target).deepCopy()
				: ((ObjectNode) patch).objectNode();
		for (Map.Entry<String, JsonNode> member : patch.properties()) {
			if (member.getValue().isNull()) {
				result.remove(member.getKey());
			}
			else {
				result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
			}
		}
		return result;
	}

}
