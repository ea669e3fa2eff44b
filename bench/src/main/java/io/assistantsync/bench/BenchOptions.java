package io.assistantsync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every size of a benchmark run, with the full run's values as defaults; {@code --smoke} scales them down
 * to seconds, and each can be set with {@code --name value} (see {@link #usage()}).
 */
final class BenchOptions {

	final Map<String, String> values = new LinkedHashMap<>();

	private BenchOptions() {
		set("root", ".");
		set("out", "bench/report");
		set("work", "bench/target/bench-work");
		set("runs", "3");
		set("service-java-options", "-Xmx256m -XX:+UseSerialGC");
		set("service-cds", "on");
		set("producer-records", "300000");
		set("jdbc-seconds", "2");
		set("jdbc-concurrency", "16,64");
		set("upsert-rows", "50000");
		set("upsert-rows-per-statement", "100");
		set("upsert-concurrency", "1,2");
		set("ceiling-seconds", "1");
		set("warmup-seconds", "6");
		set("closed-seconds", "3");
		set("closed-connections", "16,64");
		set("open-seconds", "3");
		set("open-rates", "500,1000,2000,4000");
		set("open-connections", "64");
		set("open-grace-seconds", "1");
		set("drain-events", "100000");
		set("drain-partitions", "1,6");
		set("e2e-rates", "500,1000");
		set("e2e-seconds", "4");
		set("e2e-sustained-seconds", "4");
		set("e2e-sustained-connections", "64");
		set("e2e-wait-seconds", "20");
		set("retry-events", "30");
		set("retry-failures", "3");
		set("peer", "auto");
		set("peer-events", "100000");
		set("peer-batch-size", "2000");
		set("connect-plugins", "bench/target/connect-plugins");
		set("ready-timeout-seconds", "120");
		set("phases", "limits,ceiling,pipeline,drain,peer");
	}

	static BenchOptions parse(String... args) {
		BenchOptions options = new BenchOptions();
		List<String> list = new ArrayList<>(Arrays.asList(args));
		if (list.contains("--smoke")) {
			options.smoke();
		}
		for (int i = 0; i < list.size(); i++) {
			String arg = list.get(i);
			if (arg.equals("--smoke") || arg.equals("--full")) {
				continue;
			}
			if (arg.equals("--help") || arg.equals("-h")) {
				throw new IllegalArgumentException(usage());
			}
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
			}
			String name = arg.substring(2);
			String value;
			int equals = name.indexOf('=');
			if (equals >= 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			else if (i + 1 < list.size()) {
				value = list.get(++i);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value\n" + usage());
			}
			if (!options.values.containsKey(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "\n" + usage());
			}
			options.set(name, value);
		}
		return options;
	}

	/** Seconds and tiny counts: proves the harness works, measures nothing worth quoting. */
	private void smoke() {
		set("out", "bench/target/smoke-report");
		set("runs", "1");
		set("producer-records", "5000");
		set("jdbc-seconds", "1");
		set("jdbc-concurrency", "4");
		set("upsert-rows", "2000");
		set("upsert-concurrency", "1");
		set("ceiling-seconds", "1");
		set("warmup-seconds", "1");
		set("closed-seconds", "2");
		set("closed-connections", "4");
		set("open-seconds", "2");
		set("open-rates", "100");
		set("open-connections", "8");
		set("open-grace-seconds", "1");
		set("drain-events", "1000");
		set("drain-partitions", "2");
		set("e2e-rates", "50");
		set("e2e-seconds", "2");
		set("e2e-sustained-seconds", "2");
		set("e2e-sustained-connections", "4");
		set("retry-events", "3");
		set("retry-failures", "1");
		set("peer", "off");
		set("peer-events", "2000");
	}

	static String usage() {
		return """
				usage: java -jar bench/target/bench.jar [--full | --smoke] [--name value ...]
				  --full   the whole benchmark (the default): about 9-11 minutes on 2 cores
				  --smoke  tiny sizes, one run: about a minute, for the build's own test
				  options (defaults are the full run's):
				""" + String.join("\n", new BenchOptions().values.entrySet()
			.stream()
			.map(entry -> "    --" + entry.getKey() + " " + entry.getValue())
			.toList());
	}

	private void set(String name, String value) {
		this.values.put(name, value);
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
