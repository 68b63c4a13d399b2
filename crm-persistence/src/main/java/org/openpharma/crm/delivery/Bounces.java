package org.openpharma.crm.delivery;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;

import org.springframework.mail.MailSendException;

/**
 * Tells a permanent rejection (an SMTP 5xx reply: no such mailbox, refused) from a temporary failure (server down,
 * 4xx, a time-out) in what Spring Mail and Jakarta Mail throw: the first is BOUNCED at once, the second retried.
 */
final class Bounces {

	private Bounces() {
	}

	static boolean permanent(Throwable failure) {
		for (Throwable cause : causes(failure)) {
			int code = returnCode(cause);
			if (code >= 500 && code < 600) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The SMTP reply code of Angus Mail's SMTPAddressFailedException, SMTPSenderFailedException and
	 * SMTPSendFailedException (the implementation is a runtime dependency only, so by name); -1 for anything else.
	 */
	private static int returnCode(Throwable cause) {
		String name = cause.getClass().getName();
		if (!name.startsWith("org.eclipse.angus.mail.smtp.SMTP") || !name.endsWith("FailedException")) {
			return -1;
		}
		try {
			return (Integer) cause.getClass().getMethod("getReturnCode").invoke(cause);
		}
		catch (ReflectiveOperationException | ClassCastException ex) {
			return -1;
		}
	}

	/** One line for the outbox's last_error: the innermost message that says something. */
	static String describe(Throwable failure) {
		List<Throwable> all = causes(failure);
		StringBuilder text = new StringBuilder();
		for (Throwable cause : all) {
			String message = cause.getMessage();
			if (message != null && !message.isBlank() && text.indexOf(message.strip()) < 0) {
				if (!text.isEmpty()) {
					text.append(" | ");
				}
				text.append(message.strip().replaceAll("\\s+", " "));
			}
			if (text.length() > 900) {
				break;
			}
		}
		return text.isEmpty() ? failure.getClass().getSimpleName() : text.toString();
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> found = new ArrayList<>();
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		List<Throwable> todo = new ArrayList<>(List.of(failure));
		while (!todo.isEmpty() && found.size() < 50) {
			Throwable next = todo.remove(0);
			if (next == null || seen.put(next, Boolean.TRUE) != null) {
				continue;
			}
			found.add(next);
			todo.add(next.getCause());
			if (next instanceof MessagingException messaging) {
				todo.add(messaging.getNextException());
			}
			if (next instanceof MailSendException send) {
				todo.addAll(send.getFailedMessages().values());
				for (Exception ex : send.getMessageExceptions()) {
					todo.add(ex);
				}
			}
		}
		return found;
	}

}
