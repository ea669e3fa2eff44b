package io.assistantsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What the numbers were measured on: cores, memory, CPU, load, JVM and the versions of everything in the
 * pipeline.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	static Map<String, Object> collect(BenchContext context) {
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("cores", Runtime.getRuntime().availableProcessors());
		info.put("memory_gib", Math.round(memTotalKib() / 1048576.0 * 10) / 10.0);
		info.put("cpu", firstLine("/proc/cpuinfo", "model name"));
		info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		info.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		info.put("load_average_at_start", loadAverage());
		info.put("kafka", AppInfoParser.getVersion());
		try {
			info.put("postgresql", context.postgres.settings());
		}
		catch (Exception ex) {
			info.put("postgresql", "unknown: " + ex.getMessage());
		}
		info.put("spring_boot", manifest(context.jar("api-service"), "Spring-Boot-Version"));
		info.put("spring_kafka", library(context.jar("api-service"), "spring-kafka-"));
		info.put("kafka_clients_in_services", library(context.jar("api-service"), "kafka-clients-"));
		info.put("debezium_connector_jdbc", debezium(context.options.path("connect-plugins")));
		info.put("git_commit", git(context.options.path("root")));
		return info;
	}

	static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * The 1-minute load average.
	 * @return the load, or -1 when unknown
	 */
	static double oneMinuteLoad() {
		String load = loadAverage();
		try {
			return Double.parseDouble(load.split("\\s+")[0]);
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	private static long memTotalKib() {
		String line = firstLine("/proc/meminfo", "MemTotal");
		return (line == null) ? 0 : Long.parseLong(line.replaceAll("[^0-9]", ""));
	}

	private static String firstLine(String file, String prefix) {
		try (Stream<String> lines = Files.lines(Path.of(file))) {
			return lines.filter(line -> line.startsWith(prefix))
				.map(line -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse(null);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static String manifest(Path jar, String attribute) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest().getMainAttributes().getValue(attribute);
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String library(Path jar, String prefix) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.stream()
				.map(entry -> entry.getName())
				.filter(name -> name.startsWith("BOOT-INF/lib/" + prefix))
				.map(name -> name.substring(("BOOT-INF/lib/" + prefix).length(), name.length() - 4))
				.filter(version -> !version.isEmpty() && Character.isDigit(version.charAt(0)))
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String debezium(Path plugins) {
		try (Stream<Path> files = Files.list(plugins.resolve("debezium-jdbc"))) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> name.startsWith("debezium-connector-jdbc-"))
				.map(name -> name.substring("debezium-connector-jdbc-".length(), name.length() - 4))
				.findFirst()
				.orElse("not installed");
		}
		catch (IOException ex) {
			return "not installed";
		}
	}

	private static String git(Path root) {
		try {
			Process process = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile())
				.redirectErrorStream(true)
				.start();
			String out = new String(process.getInputStream().readAllBytes()).trim();
			return (process.waitFor(5, TimeUnit.SECONDS) && process.exitValue() == 0) ? out : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

}
