package io.assistantsync.common.json;

import java.time.Instant;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The JSON mapping of events and resources (Jackson 3): instants as {@link Timestamps} text, nulls kept,
 * no Java type information. Event consumers are tolerant readers: fields added by a newer producer are
 * ignored, missing required ones are caught by validation.
 */
public final class EventJson {

	private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

	private EventJson() {
	}

	/**
	 * The shared mapper for events.
	 * @return an immutable mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Applies the contract's conventions to a mapper builder, e.g. Spring Boot's.
	 * @param builder the builder
	 * @param <B> the builder type
	 * @return the same builder
	 */
	public static <B extends MapperBuilder<?, ?>> B configure(B builder) {
		builder.addModule(contractModule());
		builder.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		builder.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
		return builder;
	}

	/**
	 * The module that writes instants with exactly three fractional digits and reads that form quickly.
	 * @return a new module
	 */
	public static SimpleModule contractModule() {
		return new SimpleModule("assistant-sync-contract").addSerializer(Instant.class, new InstantSerializer())
			.addDeserializer(Instant.class, new CanonicalInstantDeserializer());
	}

	private static final class InstantSerializer extends StdSerializer<Instant> {

		InstantSerializer() {
			super(Instant.class);
		}

		@Override
		public void serialize(Instant value, JsonGenerator gen, SerializationContext provider) {
			gen.writeString(Timestamps.format(value));
		}

	}

	/**
	 * Reads the contract's own form with {@link Timestamps#parseCanonical}, a tenth of the cost of the
	 * general ISO-8601 parser, and leaves every other form (and every error) to Jackson's deserializer.
	 */
	private static final class CanonicalInstantDeserializer extends StdDeserializer<Instant> {

		CanonicalInstantDeserializer() {
			super(Instant.class);
		}

		@Override
		public Instant deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.hasToken(JsonToken.VALUE_STRING)) {
				Instant instant = Timestamps.parseCanonical(parser.getString());
				if (instant != null) {
					return instant;
				}
			}
			return InstantDeserializer.INSTANT.deserialize(parser, context);
		}

	}

}
