package io.assistantsync.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The cheapest HTTP/1.1 server that answers a POST like the api-service does (202, Location, a JSON body
 * of the same size): what the load generator reaches against it is its own ceiling on this machine.
 */
final class TrivialHttpServer implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] response;

	private volatile boolean running = true;

	private TrivialHttpServer(ServerSocket server, byte[] response) {
		this.server = server;
		this.response = response;
	}

	static TrivialHttpServer start(int bodyBytes) throws IOException {
		ServerSocket server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
		String body = "{\"id\":\"V1StGXR8_Z5jdHi6B-myT\",\"pad\":\"" + "x".repeat(Math.max(0, bodyBytes - 40)) + "\"}";
		byte[] bodyBytesArray = body.getBytes(StandardCharsets.UTF_8);
		String head = "HTTP/1.1 202 Accepted\r\nLocation: /api/assistants/V1StGXR8_Z5jdHi6B-myT\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + bodyBytesArray.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] response = new byte[headBytes.length + bodyBytesArray.length];
		System.arraycopy(headBytes, 0, response, 0, headBytes.length);
		System.arraycopy(bodyBytesArray, 0, response, headBytes.length, bodyBytesArray.length);
		TrivialHttpServer trivial = new TrivialHttpServer(server, response);
		Thread acceptor = new Thread(trivial::accept, "trivial-http-accept");
		acceptor.setDaemon(true);
		acceptor.start();
		return trivial;
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (this.running) {
			try {
				Socket socket = this.server.accept();
				socket.setTcpNoDelay(true);
				Thread connection = new Thread(() -> serve(socket), "trivial-http");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
			OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
			StringBuilder line = new StringBuilder();
			while (this.running) {
				long contentLength = 0;
				boolean first = true;
				while (true) {
					String header = readLine(in, line);
					if (header == null) {
						return;
					}
					if (header.isEmpty()) {
						if (first) {
							continue;
						}
						break;
					}
					first = false;
					if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
						contentLength = Long.parseLong(header.substring(15).trim());
					}
				}
				for (long i = 0; i < contentLength; i++) {
					if (in.read() < 0) {
						return;
					}
				}
				out.write(this.response);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client went away
		}
	}

	private static String readLine(InputStream in, StringBuilder line) throws IOException {
		line.setLength(0);
		while (true) {
			int b = in.read();
			if (b < 0) {
				return null;
			}
			if (b == '\n') {
				int end = line.length();
				if (end > 0 && line.charAt(end - 1) == '\r') {
					line.setLength(end - 1);
				}
				return line.toString();
			}
			line.append((char) b);
		}
	}

	@Override
	public void close() throws IOException {
		this.running = false;
		this.server.close();
	}

}
