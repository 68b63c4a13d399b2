package org.openpharma.crm.delivery;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server for one test that refuses every recipient permanently ({@code 550 5.1.1}), as a real server does
 * for a mailbox that does not exist. GreenMail accepts every recipient, so the bounce needs its own.
 */
final class RejectingSmtpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread thread;

	RejectingSmtpServer(int port) throws IOException {
		this.socket = new ServerSocket(port, 5, InetAddress.getByName("127.0.0.1"));
		this.thread = new Thread(this::serve, "rejecting-smtp");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void serve() {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				converse(client);
			}
			catch (SocketException ex) {
				return;
			}
			catch (IOException ex) {
				// The next client gets a fresh conversation.
			}
		}
	}

	private static void converse(Socket client) throws IOException {
		BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
		OutputStream out = client.getOutputStream();
		reply(out, "220 rejecting.test ESMTP");
		String line;
		while ((line = in.readLine()) != null) {
			String command = line.toUpperCase(Locale.ROOT);
			if (command.startsWith("EHLO") || command.startsWith("HELO")) {
				reply(out, "250 rejecting.test");
			}
			else if (command.startsWith("RCPT")) {
				reply(out, "550 5.1.1 no such user here");
			}
			else if (command.startsWith("QUIT")) {
				reply(out, "221 bye");
				return;
			}
			else {
				reply(out, "250 OK");
			}
		}
	}

	private static void reply(OutputStream out, String text) throws IOException {
		out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
