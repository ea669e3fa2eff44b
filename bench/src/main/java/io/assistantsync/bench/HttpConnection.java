package io.assistantsync.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection over a plain socket: the load generator's unit of concurrency. The
 * JDK's {@code HttpClient} spends more CPU per request than the services under test on a 2-core machine,
 * so requests are written from pre-built bytes and only the status line and the headers that matter are
 * parsed. It reconnects when the server closes the connection (Tomcat does after 100 requests).
 */
final class HttpConnection implements Closeable {

	private static final int CONNECT_TIMEOUT_MS = 5_000;

	private static final int READ_TIMEOUT_MS = 60_000;

	private final String host;

	private final int port;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	private final StringBuilder line = new StringBuilder(128);

	HttpConnection(String host, int port) {
		this.host = host;
		this.port = port;
	}

	/**
	 * The bytes of a POST with a JSON body.
	 * @param host the Host header
	 * @param path the path
	 * @param json the body
	 * @return the request
	 */
	static byte[] post(String host, String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
				+ "Accept: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
		byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
		byte[] request = new byte[headBytes.length + body.length];
		System.arraycopy(headBytes, 0, request, 0, headBytes.length);
		System.arraycopy(body, 0, request, headBytes.length, body.length);
		return request;
	}

	/**
	 * Sends a request and reads the whole response.
	 * @param request the request bytes
	 * @return the status and the {@code Location} header
	 * @throws IOException when the connection fails; the next call reconnects
	 */
	Response exchange(byte[] request) throws IOException {
		boolean fresh = false;
		if (this.socket == null) {
			connect();
			fresh = true;
		}
		try {
			return send(request);
		}
		catch (IOException ex) {
			close();
			if (fresh) {
				throw ex;
			}
			// the server closed an idle keep-alive connection: one retry on a new one
			connect();
			return send(request);
		}
	}

	private Response send(byte[] request) throws IOException {
		this.out.write(request);
		this.out.flush();
		String status = readLine();
		if (status.length() < 12) {
			throw new IOException("bad status line: " + status);
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long contentLength = -1;
		boolean chunked = false;
		boolean close = false;
		String location = null;
		for (String header = readLine(); !header.isEmpty(); header = readLine()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> contentLength = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> close = value.equalsIgnoreCase("close");
				case "location" -> location = value;
				default -> {
				}
			}
		}
		if (chunked) {
			skipChunked();
		}
		else if (contentLength > 0) {
			skip(contentLength);
		}
		if (close) {
			close();
		}
		return new Response(code, location);
	}

	private void connect() throws IOException {
		Socket socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(READ_TIMEOUT_MS);
		socket.connect(new InetSocketAddress(this.host, this.port), CONNECT_TIMEOUT_MS);
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
		this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
	}

	private void skipChunked() throws IOException {
		while (true) {
			String size = readLine();
			int semicolon = size.indexOf(';');
			long length = Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon).trim() : size.trim(), 16);
			if (length == 0) {
				// trailers end with an empty line
				while (!readLine().isEmpty()) {
					// ignore trailers
				}
				return;
			}
			skip(length);
			readLine();
		}
	}

	private void skip(long length) throws IOException {
		long left = length;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				if (this.in.read() < 0) {
					throw new EOFException("connection closed in a response body");
				}
				skipped = 1;
			}
			left -= skipped;
		}
	}

	private String readLine() throws IOException {
		this.line.setLength(0);
		while (true) {
			int b = this.in.read();
			if (b < 0) {
				throw new EOFException("connection closed");
			}
			if (b == '\n') {
				int end = this.line.length();
				if (end > 0 && this.line.charAt(end - 1) == '\r') {
					this.line.setLength(end - 1);
				}
				return this.line.toString();
			}
			this.line.append((char) b);
		}
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// nothing left to release
			}
			this.socket = null;
		}
	}

	/**
	 * What the load generator needs of a response.
	 *
	 * @param status the HTTP status
	 * @param location the {@code Location} header, or {@code null}
	 */
	record Response(int status, String location) {

	}

}
