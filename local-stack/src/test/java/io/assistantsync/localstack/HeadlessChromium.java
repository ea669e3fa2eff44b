package io.assistantsync.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium, headless, with a fresh profile, opening one page: a real browser's {@code fetch}, CORS
 * and {@code EventSource}. {@link #close()} ends it and every process it started.
 */
final class HeadlessChromium implements AutoCloseable {

	static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	private final Process process;

	private final Path profile;

	private final Path output;

	private HeadlessChromium(Process process, Path profile, Path output) {
		this.process = process;
		this.profile = profile;
		this.output = output;
	}

	/**
	 * Skips the calling test when Chromium is not installed, and fails it instead on CI, where a skipped
	 * browser test would go unnoticed.
	 */
	static void assumeInstalled() {
		if (Files.isExecutable(EXECUTABLE)) {
			return;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			fail("chromium is required: apt-get install -y chromium (" + EXECUTABLE + " is missing and CI=true)");
		}
		assumeTrue(false, EXECUTABLE + " is missing, so the browser test does not run: apt-get install -y chromium");
	}

	/**
	 * Opens the page.
	 * @param page the page's URL
	 * @param work a directory for the profile and the browser's own output
	 * @return the running browser
	 */
	static HeadlessChromium open(URI page, Path work) {
		try {
			Path profile = Files.createTempDirectory(work, "chromium-profile-");
			Path output = work.resolve("chromium.log");
			Process process = new ProcessBuilder(EXECUTABLE.toString(), "--headless", "--no-sandbox", "--disable-gpu",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--no-first-run", "--user-data-dir=" + profile, page.toString())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new HeadlessChromium(process, profile, output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * What the browser printed, for a failure message.
	 * @return its last lines
	 */
	String output() {
		try {
			List<String> lines = Files.readAllLines(this.output);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no output: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() {
		// listed while the browser runs: once it is gone, its renderer and zygote processes are no one's descendants
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		deleteProfile();
	}

	private void deleteProfile() {
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// a temp directory under target/: the next clean removes what is left
		}
	}

}
