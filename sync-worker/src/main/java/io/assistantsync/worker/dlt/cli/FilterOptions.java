package io.assistantsync.worker.dlt.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import io.assistantsync.worker.dlt.DeadLetterFilter;
import io.assistantsync.worker.dlt.InvalidFilterException;
import io.assistantsync.worker.dlt.IsoInstant;

/**
 * The filter options shared by {@code dlt list} and {@code dlt replay}, declared once and mixed into both.
 */
class FilterOptions {

	/** The command these options are mixed into, which a bad combination of them is reported against. */
	@Spec(Spec.Target.MIXEE)
	CommandSpec command;

	@Option(names = "--assistant-id", paramLabel = "<id>",
			description = "Only dead letters of this assistant (the record key); repeatable.")
	List<String> assistantIds = new ArrayList<>();

	@Option(names = "--since", paramLabel = "<instant>", converter = SinceConverter.class,
			description = "Only dead letters dead-lettered at or after this ISO-8601 instant, "
					+ "e.g. 2026-11-25T08:00:00Z, 2026-11-25T09:00:00+01:00 or 2026-11-25.")
	Instant since;

	@Option(names = "--until", paramLabel = "<instant>", converter = UntilConverter.class,
			description = "Only dead letters dead-lettered before this ISO-8601 instant.")
	Instant until;

	@Option(names = "--exception-type", paramLabel = "<class>",
			description = "Only failures of this exception class, fully qualified or simple name, "
					+ "e.g. PermanentSyncException.")
	String exceptionType;

	@Option(names = "--limit", paramLabel = "<n>",
			description = "At most this many records (list: listed; replay: replayed).")
	Integer limit;

	/**
	 * The filter these options describe.
	 * @return the filter
	 * @throws ParameterException when the options contradict each other or the limit is not positive
	 */
	DeadLetterFilter toFilter() {
		try {
			return new DeadLetterFilter(this.assistantIds, this.since, this.until, this.exceptionType, this.limit);
		}
		catch (InvalidFilterException ex) {
			throw new ParameterException(this.command.commandLine(), "--" + ex.field() + " " + ex.problem());
		}
	}

	static class SinceConverter implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			return instant("since", value);
		}

	}

	static class UntilConverter implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String value) {
			return instant("until", value);
		}

	}

	private static Instant instant(String field, String value) {
		try {
			Instant instant = IsoInstant.parse(field, value);
			if (instant == null) {
				throw new TypeConversionException("must not be blank");
			}
			return instant;
		}
		catch (InvalidFilterException ex) {
			throw new TypeConversionException(ex.problem());
		}
	}

}
