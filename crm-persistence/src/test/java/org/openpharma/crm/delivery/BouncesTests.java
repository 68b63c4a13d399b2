package org.openpharma.crm.delivery;

import java.net.ConnectException;
import java.util.Map;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

class BouncesTests {

	@Test
	void aPermanentRejectionOfTheRecipientIsABounce() throws Exception {
		SMTPAddressFailedException rejected = new SMTPAddressFailedException(new InternetAddress("x@example.jp"),
				"RCPT TO", 550, "550 5.1.1 no such user");
		SendFailedException failed = new SendFailedException("Invalid Addresses", rejected);
		MailSendException wrapped = new MailSendException(Map.of(new Object(), failed));
		assertThat(Bounces.permanent(wrapped)).isTrue();
		assertThat(Bounces.describe(wrapped)).contains("550 5.1.1 no such user");
	}

	@Test
	void aTemporaryRejectionOrAServerThatIsDownIsRetried() throws Exception {
		SMTPAddressFailedException greylisted = new SMTPAddressFailedException(new InternetAddress("x@example.jp"),
				"RCPT TO", 451, "451 try again later");
		assertThat(Bounces.permanent(new MailSendException("failed", new SendFailedException("x", greylisted))))
			.isFalse();
		MailSendException down = new MailSendException("Mail server connection failed",
				new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")));
		assertThat(Bounces.permanent(down)).isFalse();
		assertThat(Bounces.describe(down)).isEqualTo(
				"Mail server connection failed | Couldn't connect to host | Connection refused");
	}

}
