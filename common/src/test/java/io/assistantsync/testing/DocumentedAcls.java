package io.assistantsync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs that {@code docs/kafka-security.md} tells an administrator to add, read from its {@code kafka-acls.sh}
 * commands, so that a test applies exactly what the documentation says. Understands the options that page uses:
 * {@code --allow-principal}, {@code --operation} (repeatable), {@code --topic}, {@code --group}, {@code --cluster},
 * {@code --resource-pattern-type}; anything else fails loudly.
 */
public final class DocumentedAcls {

	/** The page, relative to the repository root. */
	public static final String PAGE = "docs/kafka-security.md";

	private DocumentedAcls() {
	}

	/**
	 * Reads the ACLs of the page, found from the working directory (a module or the repository root).
	 * @return one binding per principal, resource and operation, in the page's order
	 */
	public static List<AclBinding> read() {
		return read(locate());
	}

	/**
	 * Reads the ACLs of a page.
	 * @param page the Markdown file
	 * @return one binding per principal, resource and operation, in the page's order
	 */
	public static List<AclBinding> read(Path page) {
		List<String> lines;
		try {
			lines = Files.readAllLines(page);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<AclBinding> acls = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		for (String line : lines) {
			String trimmed = line.strip();
			if (command.isEmpty() && !trimmed.startsWith("kafka-acls.sh ")) {
				continue;
			}
			boolean continued = trimmed.endsWith("\\");
			command.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
			if (!continued) {
				acls.addAll(parse(command.toString().strip()));
				command.setLength(0);
			}
		}
		if (acls.isEmpty()) {
			throw new IllegalStateException("No kafka-acls.sh command in " + page);
		}
		return List.copyOf(acls);
	}

	private static List<AclBinding> parse(String command) {
		String principal = null;
		List<AclOperation> operations = new ArrayList<>();
		ResourceType type = null;
		String name = null;
		PatternType pattern = PatternType.LITERAL;
		Iterator<String> words = List.of(command.split("\\s+")).iterator();
		words.next();
		while (words.hasNext()) {
			String option = words.next();
			switch (option) {
				case "--bootstrap-server", "--command-config" -> words.next();
				case "--add" -> {
				}
				case "--allow-principal" -> principal = words.next();
				case "--operation" -> operations.add(operation(words.next()));
				case "--topic" -> {
					type = ResourceType.TOPIC;
					name = words.next();
				}
				case "--group" -> {
					type = ResourceType.GROUP;
					name = words.next();
				}
				case "--cluster" -> {
					type = ResourceType.CLUSTER;
					name = "kafka-cluster";
				}
				case "--resource-pattern-type" -> pattern = PatternType.valueOf(words.next().toUpperCase(Locale.ROOT));
				default -> throw new IllegalStateException("Unknown option " + option + " in: " + command);
			}
		}
		if (principal == null || type == null || operations.isEmpty() || pattern == PatternType.UNKNOWN) {
			throw new IllegalStateException("Incomplete ACL command: " + command);
		}
		ResourcePattern resource = new ResourcePattern(type, name, pattern);
		String user = principal;
		return operations.stream()
			.map(operation -> new AclBinding(resource,
					new AccessControlEntry(user, "*", operation, AclPermissionType.ALLOW)))
			.toList();
	}

	// kafka-acls.sh spells operations in camel case (Read, IdempotentWrite, DescribeConfigs)
	private static AclOperation operation(String name) {
		String constant = name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
		return AclOperation.valueOf(constant);
	}

	private static Path locate() {
		for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
			Path page = directory.resolve(PAGE);
			if (Files.isRegularFile(page)) {
				return page;
			}
		}
		throw new IllegalStateException("No " + PAGE + " above " + Path.of("").toAbsolutePath());
	}

}
