package io.assistantsync.testing;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks event values against the JSON Schemas that {@code common} publishes for downstream teams.
 */
public final class EventSchemas {

	private static final SchemaRegistry REGISTRY = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private EventSchemas() {
	}

	/**
	 * Validates a value against the schema of its {@code ce_type}.
	 * @param eventType e.g. {@code assistant.sync-result.v1}
	 * @param json the event value
	 * @return the violations, empty when the value conforms
	 */
	public static List<Error> validate(String eventType, String json) {
		return SCHEMAS.computeIfAbsent(eventType, EventSchemas::load).validate(json, InputFormat.JSON);
	}

	/**
	 * Asserts that a value conforms to the schema of its {@code ce_type}.
	 * @param eventType e.g. {@code assistant.sync-result.v1}
	 * @param json the event value
	 */
	public static void assertConforms(String eventType, String json) {
		assertThat(validate(eventType, json)).as("%s against schema %s", json, eventType).isEmpty();
	}

	private static Schema load(String eventType) {
		String path = "/schemas/" + eventType + ".schema.json";
		InputStream schema = EventSchemas.class.getResourceAsStream(path);
		if (schema == null) {
			throw new IllegalArgumentException("No schema at " + path);
		}
		return REGISTRY.getSchema(schema);
	}

}
