package org.openpharma.crm.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link between the application and the real RabbitMQ that the test can cut and restore: while cut, every open
 * connection is dropped and new ones are closed as soon as they open, as when the broker is down or unreachable.
 * The broker itself is never stopped (other tests and processes share it).
 */
final class BrokerLink implements AutoCloseable {

	private final ServerSocket server;

	private final int brokerPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	BrokerLink(int brokerPort) throws IOException {
		this.brokerPort = brokerPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "broker-link");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Drops every connection and refuses new ones until {@link #restore()}. */
	void cut() {
		this.cut = true;
		this.open.forEach(BrokerLink::closeQuietly);
		this.open.clear();
	}

	void restore() {
		this.cut = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					closeQuietly(client);
					continue;
				}
				Socket broker = new Socket(InetAddress.getLoopbackAddress(), this.brokerPort);
				this.open.add(client);
				this.open.add(broker);
				pump(client, broker);
				pump(broker, client);
			}
			catch (IOException ex) {
				// closed, or the broker refused: the client sees its connection fail
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// the other side went away
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "broker-link-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

}
