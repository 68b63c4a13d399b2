package org.openpharma.crm;

import java.io.IOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real SMTP server (GreenMail) on a free local port for a test class that follows a mail to its recipient: it
 * starts before the class's first test and stops after its last. Spring reads dynamic properties only from the test
 * class, so the class registers the server as the application's mail server itself:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final GreenMailServer SMTP = new GreenMailServer();
 *
 * &#64;DynamicPropertySource
 * static void mailServer(DynamicPropertyRegistry registry) {
 * 	SMTP.register(registry);
 * }
 * </pre>
 */
public final class GreenMailServer implements BeforeAllCallback, AfterAllCallback {

	private final int port = freePort();

	private GreenMail greenMail;

	/** Points spring.mail at this server; the outbox sends every 200 ms so a mail arrives within a test's wait. */
	public void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> this.port);
		registry.add("crm.mail.send-interval-ms", () -> "200");
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.greenMail = new GreenMail(new ServerSetup(this.port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.greenMail.start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.greenMail.stop();
	}

	public MimeMessage[] getReceivedMessages() {
		return this.greenMail.getReceivedMessages();
	}

	public boolean waitForIncomingEmail(long timeoutMillis, int emailCount) {
		return this.greenMail.waitForIncomingEmail(timeoutMillis, emailCount);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
