package io.assistantsync.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Checks the ports the stack will listen on before anything starts, so a port in use is one clear line
 * instead of a broker or a service failing half-way with a stack trace.
 */
final class Ports {

	private Ports() {
	}

	/**
	 * Fails when something already listens on the port (on any local address).
	 * @param port the port
	 * @param user what will listen on it, e.g. {@code Kafka}
	 * @param setting the setting that moves it elsewhere, e.g. {@code LOCAL_STACK_KAFKA_PORT}
	 * @throws LocalStackException when the port is taken
	 */
	static void requireFree(int port, String user, String setting) {
		if (!isFree(port)) {
			throw new LocalStackException("port " + port + " (" + user + ") is already in use: stop what listens on it"
					+ " or choose another port with " + setting);
		}
	}

	/**
	 * The first free port from a port on, for instances beyond the first.
	 * @param from the lowest port to try
	 * @param reserved ports to skip even when free, e.g. those already given to other instances
	 * @return the port
	 * @throws LocalStackException when no port up to 65535 is free
	 */
	static int nextFree(int from, Set<Integer> reserved) {
		for (int port = from; port <= 65535; port++) {
			if (!reserved.contains(port) && isFree(port)) {
				return port;
			}
		}
		throw new LocalStackException("no free port from " + from + " on for another service instance");
	}

	/**
	 * Whether nothing listens on the port.
	 * @param port the port
	 * @return {@code true} if a server socket could bind it on the wildcard address
	 */
	static boolean isFree(int port) {
		// the wildcard address conflicts with a listener on any local address, IPv4 or IPv6
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
