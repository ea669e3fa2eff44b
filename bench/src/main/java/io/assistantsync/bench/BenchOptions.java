package io.assistantsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every size of a benchmark run, with the full run's values as defaults; {@code --smoke} scales them down
 * to seconds, and each can be set with {@code --name value} or {@code --name=value} (see {@link #usage()}).
 * A picocli command with one option per size; an option given on the command line wins over
 * {@code --smoke}'s value.
 */
final class BenchOptions {

	/** Every option, with the full run's value. */
	private static final Map<String, String> FULL = new LinkedHashMap<>();

	/** The options {@code --smoke} changes, with its values. */
	private static final Map<String, String> SMOKE = new LinkedHashMap<>();

	static {
		FULL.put("root", ".");
		FULL.put("out", "bench/report");
		FULL.put("work", "bench/target/bench-work");
		FULL.put("runs", "3");
		FULL.put("service-java-options", "-Xmx256m -XX:+UseSerialGC");
		FULL.put("service-cds", "on");
		FULL.put("producer-records", "300000");
		FULL.put("jdbc-seconds", "2");
		FULL.put("jdbc-concurrency", "16,64");
		FULL.put("upsert-rows", "50000");
		FULL.put("upsert-rows-per-statement", "100");
		FULL.put("upsert-concurrency", "1,2");
		FULL.put("ceiling-seconds", "1");
		FULL.put("warmup-seconds", "6");
		FULL.put("closed-seconds", "3");
		FULL.put("closed-connections", "16,64");
		FULL.put("open-seconds", "3");
		FULL.put("open-rates", "500,1000,2000,4000");
		FULL.put("open-connections", "64");
		FULL.put("open-grace-seconds", "1");
		FULL.put("drain-events", "100000");
		FULL.put("drain-partitions", "1,6");
		FULL.put("e2e-rates", "500,1000");
		FULL.put("e2e-seconds", "4");
		FULL.put("e2e-sustained-seconds", "4");
		FULL.put("e2e-sustained-connections", "64");
		FULL.put("e2e-wait-seconds", "20");
		FULL.put("retry-events", "30");
		FULL.put("retry-failures", "3");
		FULL.put("peer", "auto");
		FULL.put("peer-events", "100000");
		FULL.put("peer-batch-size", "2000");
		FULL.put("connect-plugins", "bench/target/connect-plugins");
		FULL.put("scale-events", "100000");
		FULL.put("scale-partitions", "6");
		FULL.put("scale-workers", "1,2,3");
		FULL.put("scale-leave-workers", "3");
		FULL.put("soak-minutes", "30");
		FULL.put("soak-rate", "100");
		FULL.put("soak-sample-seconds", "30");
		FULL.put("ready-timeout-seconds", "120");
		FULL.put("phases", "limits,ceiling,pipeline,drain,peer");

		// seconds and tiny counts: proves the harness works, measures nothing worth quoting
		SMOKE.put("out", "bench/target/smoke-report");
		SMOKE.put("runs", "1");
		SMOKE.put("producer-records", "5000");
		SMOKE.put("jdbc-seconds", "1");
		SMOKE.put("jdbc-concurrency", "4");
		SMOKE.put("upsert-rows", "2000");
		SMOKE.put("upsert-concurrency", "1");
		SMOKE.put("ceiling-seconds", "1");
		SMOKE.put("warmup-seconds", "1");
		SMOKE.put("closed-seconds", "2");
		SMOKE.put("closed-connections", "4");
		SMOKE.put("open-seconds", "2");
		SMOKE.put("open-rates", "100");
		SMOKE.put("open-connections", "8");
		SMOKE.put("open-grace-seconds", "1");
		SMOKE.put("drain-events", "1000");
		SMOKE.put("drain-partitions", "2");
		SMOKE.put("e2e-rates", "50");
		SMOKE.put("e2e-seconds", "2");
		SMOKE.put("e2e-sustained-seconds", "2");
		SMOKE.put("e2e-sustained-connections", "4");
		SMOKE.put("retry-events", "3");
		SMOKE.put("retry-failures", "1");
		SMOKE.put("peer", "off");
		SMOKE.put("peer-events", "2000");
		SMOKE.put("scale-events", "2000");
		SMOKE.put("scale-workers", "2");
		SMOKE.put("scale-leave-workers", "2");
		SMOKE.put("soak-minutes", "0.5");
		SMOKE.put("soak-rate", "20");
		SMOKE.put("soak-sample-seconds", "5");
	}

	private static final String SMOKE_FLAG = "--smoke";

	private final boolean smoke;

	private final Map<String, String> values;

	private BenchOptions(boolean smoke, Map<String, String> values) {
		this.smoke = smoke;
		this.values = values;
	}

	/**
	 * Reads the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException with the usage, for {@code --help} and for arguments that are not options
	 */
	static BenchOptions parse(String... args) {
		CommandSpec command = command();
		ParseResult parsed;
		try {
			parsed = new CommandLine(command).setOverwrittenOptionsAllowed(true)
				.setExpandAtFiles(false)
				.parseArgs(args);
		}
		catch (ParameterException ex) {
			throw new IllegalArgumentException(problem(ex) + "\n" + usage(), ex);
		}
		if (parsed.isUsageHelpRequested()) {
			throw new IllegalArgumentException(usage());
		}
		boolean smoke = parsed.hasMatchedOption(SMOKE_FLAG);
		Map<String, String> values = new LinkedHashMap<>();
		FULL.forEach((name, full) -> {
			OptionSpec option = command.findOption("--" + name);
			String value = parsed.hasMatchedOption(option) ? option.getValue()
					: (smoke ? SMOKE.getOrDefault(name, full) : full);
			values.put(name, value);
		});
		return new BenchOptions(smoke, values);
	}

	private static CommandSpec command() {
		CommandSpec command = CommandSpec.create().name("bench");
		command.addOption(OptionSpec.builder("--full").arity("0").description("the whole benchmark").build());
		command.addOption(OptionSpec.builder(SMOKE_FLAG).arity("0").description("tiny sizes, one run").build());
		command.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("this text").build());
		FULL.forEach((name, full) -> command.addOption(OptionSpec.builder("--" + name)
			.type(String.class)
			.arity("1")
			.paramLabel(full)
			.build()));
		return command;
	}

	private static String problem(ParameterException ex) {
		if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
			String argument = unmatched.getUnmatched().get(0);
			if (!argument.startsWith("-")) {
				return "unexpected argument '" + argument + "'";
			}
			int equals = argument.indexOf('=');
			return "unknown option " + ((equals >= 0) ? argument.substring(0, equals) : argument);
		}
		if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()
				&& missing.getMissing().get(0) instanceof OptionSpec option) {
			return option.longestName() + " needs a value";
		}
		return ex.getMessage();
	}

	static String usage() {
		return """
				usage: java -jar bench/target/bench.jar [--full | --smoke] [--name value ...]
				  --full   the whole benchmark (the default): about 9-11 minutes on 2 cores
				  --smoke  tiny sizes, one run: about a minute, for the build's own test
				  options (defaults are the full run's):
				""" + String.join("\n", FULL.entrySet()
			.stream()
			.map(entry -> "    --" + entry.getKey() + " " + entry.getValue())
			.toList());
	}

	/**
	 * Whether {@code --smoke} was given.
	 * @return {@code true} for a smoke run
	 */
	boolean smoke() {
		return this.smoke;
	}

	/**
	 * Every option's value, in the order of the usage, for the report.
	 * @return option name to value
	 */
	Map<String, String> values() {
		return Collections.unmodifiableMap(this.values);
	}

	String text(String name) {
		return this.values.get(name);
	}

	int integer(String name) {
		return Integer.parseInt(text(name).trim());
	}

	Duration seconds(String name) {
		return Duration.ofMillis((long) (Double.parseDouble(text(name).trim()) * 1000));
	}

	List<Integer> integers(String name) {
		return Arrays.stream(text(name).split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt)
			.toList();
	}

	Path path(String name) {
		Path path = Path.of(text(name));
		return path.isAbsolute() ? path : Path.of(text("root")).resolve(path).toAbsolutePath().normalize();
	}

	List<String> words(String name) {
		return Arrays.stream(text(name).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
	}

	int runs() {
		return integer("runs");
	}

}
