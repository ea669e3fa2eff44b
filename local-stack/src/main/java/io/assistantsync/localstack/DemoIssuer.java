package io.assistantsync.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.assistantsync.fixtures.LocalIssuer;

/**
 * The local run's identity provider: a {@link LocalIssuer} whose JWK set the services trust, and one token
 * for a demo producer, printed in the banner and written to a file. The key is new on every start, so a token
 * of an earlier run no longer passes; the file always holds the current one.
 */
final class DemoIssuer implements AutoCloseable {

	/** The demo producer's {@code sub}: the owner of what it creates. */
	static final String SUBJECT = "demo-producer";

	/** The demo producer may read and write. */
	static final String SCOPES = "assistants:read assistants:write";

	/** Long enough for a day of trying things out. */
	static final Duration VALID_FOR = Duration.ofHours(24);

	private final LocalIssuer issuer;

	private final DemoToken token;

	private DemoIssuer(LocalIssuer issuer, DemoToken token) {
		this.issuer = issuer;
		this.token = token;
	}

	/**
	 * Serves a fresh JWK set and writes the demo producer's token.
	 * @param port the port on 127.0.0.1, 0 for any free one
	 * @param tokenFile where the token goes
	 * @return the running issuer
	 * @throws LocalStackException when the port is taken or the file cannot be written
	 */
	static DemoIssuer start(int port, Path tokenFile) {
		int chosen = (port != 0) ? port : anyFreePort();
		LocalIssuer issuer;
		try {
			issuer = new LocalIssuer("http://127.0.0.1:" + chosen, chosen);
		}
		catch (RuntimeException ex) {
			throw new LocalStackException("could not start the token issuer on 127.0.0.1:" + chosen + ": "
					+ LocalStackException.describe(ex) + " (choose another port with LOCAL_STACK_ISSUER_PORT)");
		}
		try {
			DemoToken token = new DemoToken(issuer.token(SUBJECT, SCOPES, VALID_FOR), tokenFile);
			write(token);
			return new DemoIssuer(issuer, token);
		}
		catch (RuntimeException ex) {
			issuer.close();
			throw ex;
		}
	}

	/**
	 * The settings that make a service trust this issuer's tokens, and only them.
	 * @return Spring Boot's JWK set URI and issuer URI variables
	 */
	Map<String, String> environment() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI", this.issuer.jwkSetUri());
		environment.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", this.issuer.issuer());
		return environment;
	}

	/**
	 * The demo producer's token.
	 * @return the token and its file
	 */
	DemoToken token() {
		return this.token;
	}

	@Override
	public void close() {
		this.issuer.close();
	}

	@Override
	public String toString() {
		return "the token issuer";
	}

	private static void write(DemoToken token) {
		try {
			Files.createDirectories(token.file().toAbsolutePath().getParent());
			Files.writeString(token.file(), token.value() + System.lineSeparator(), StandardCharsets.UTF_8);
			if (Files.getFileStore(token.file()).supportsFileAttributeView("posix")) {
				// a bearer token is a password for 24 hours
				Files.setPosixFilePermissions(token.file(), PosixFilePermissions.fromString("rw-------"));
			}
		}
		catch (IOException ex) {
			throw new LocalStackException("could not write the demo token to " + token.file() + ": "
					+ LocalStackException.describe(ex) + " (choose another file with LOCAL_STACK_TOKEN_FILE)");
		}
	}

	private static int anyFreePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new LocalStackException("no free port for the token issuer: " + LocalStackException.describe(ex));
		}
	}

	/**
	 * The demo producer's token, as the banner shows it.
	 *
	 * @param value the compact JWT
	 * @param file where it is written
	 */
	record DemoToken(String value, Path file) {
	}

}
