package io.assistantsync.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The services' own Flyway migrations, read from their built jars, so the limits are measured on exactly
 * the tables the services write.
 */
final class Migrations {

	private static final String PREFIX = "BOOT-INF/classes/db/migration/";

	private Migrations() {
	}

	/**
	 * The SQL of every migration in the jar, in version order.
	 * @param jar a service's exec jar
	 * @return the scripts
	 */
	static List<String> of(Path jar) throws IOException {
		List<ZipEntry> entries = new ArrayList<>();
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			zip.stream()
				.filter(entry -> entry.getName().startsWith(PREFIX) && entry.getName().endsWith(".sql"))
				.forEach(entries::add);
			entries.sort(Comparator.comparingInt(entry -> version(entry.getName())));
			List<String> scripts = new ArrayList<>();
			for (ZipEntry entry : entries) {
				try (InputStream in = zip.getInputStream(entry)) {
					scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			if (scripts.isEmpty()) {
				throw new IOException("no migrations in " + jar);
			}
			return scripts;
		}
	}

	static void apply(Connection connection, List<String> scripts) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String script : scripts) {
				statement.execute(script);
			}
		}
	}

	private static int version(String name) {
		String file = name.substring(PREFIX.length());
		return Integer.parseInt(file.substring(1, file.indexOf("__")).replaceAll("[^0-9]", ""));
	}

}
