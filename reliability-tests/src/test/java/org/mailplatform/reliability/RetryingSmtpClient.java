package org.mailplatform.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends messages the way a real SMTP client does: a session per door kept open across messages,
 * and a message that did not get its 250 tried again after a pause (RFC 5321 4.5.4.1), until it is
 * accepted, permanently refused, or the deadline passes. Records every attempt's outcome. One
 * instance per thread.
 */
final class RetryingSmtpClient implements AutoCloseable {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(2);

    private final PlatformProcesses platform;
    private final Map<TestMail.Route, Transport> sessions = new EnumMap<>(TestMail.Route.class);
    private final Map<TestMail.Route, Session> mailSessions = new EnumMap<>(TestMail.Route.class);

    RetryingSmtpClient(PlatformProcesses platform) {
        this.platform = platform;
        mailSessions.put(TestMail.Route.SUBMISSION, Session.getInstance(properties(platform.submissionPort(), true)));
        mailSessions.put(TestMail.Route.TRANSFER, Session.getInstance(properties(platform.transferPort(), false)));
    }

    private static Properties properties(int port, boolean submission) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.localhost", "client.remote.test");
        p.put("mail.smtp.connectiontimeout", "5000");
        // Longer than the platform's wait for Kafka's acknowledgement, so its 451 arrives as a reply.
        p.put("mail.smtp.timeout", "60000");
        p.put("mail.smtp.writetimeout", "60000");
        if (submission) {
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.trust", "*");
        }
        return p;
    }

    /** Sends until accepted, permanently refused or {@code deadlineNanos}; every attempt goes into the record. */
    void send(SendRecord record, long deadlineNanos) throws InterruptedException {
        TestMail mail = record.mail();
        Duration pause = FIRST_PAUSE;
        while (System.nanoTime() < deadlineNanos) {
            SendOutcome outcome = attempt(record);
            if (outcome == SendOutcome.ACCEPTED || outcome == SendOutcome.PERMANENT_REFUSAL) {
                return;
            }
            Thread.sleep(pause);
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
        System.out.printf("gave up on %s (%s) after %s%n", mail.messageId(), mail.route(), record.attempts());
    }

    private SendOutcome attempt(SendRecord record) {
        TestMail mail = record.mail();
        Transport transport;
        try {
            transport = session(mail.route());
        } catch (MessagingException e) {
            record.attempt(SendOutcome.NO_SESSION);
            return SendOutcome.NO_SESSION;
        }
        MimeMessage message;
        Address[] recipients;
        try {
            message = message(mailSessions.get(mail.route()), mail);
            recipients = InternetAddress.parse(String.join(",", mail.allRecipients()));
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build " + mail.messageId(), e);
        }
        try {
            transport.sendMessage(message, recipients);
            record.attempt(SendOutcome.ACCEPTED);
            return SendOutcome.ACCEPTED;
        } catch (SMTPSendFailedException e) {
            // No reply code: the exception stands for a broken connection, not a refusal.
            return e.getReturnCode() < 0 ? uncertain(record, mail.route()) : refused(record, mail.route(), e.getReturnCode());
        } catch (SendFailedException e) {
            // A recipient refused: the transaction was reset before DATA, nothing was taken.
            for (Exception next = e.getNextException(); next != null;
                 next = next instanceof MessagingException m ? m.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException refusal && refusal.getReturnCode() > 0) {
                    return refused(record, mail.route(), refusal.getReturnCode());
                }
            }
            return uncertain(record, mail.route());
        } catch (MessagingException e) {
            return uncertain(record, mail.route());
        }
    }

    private SendOutcome refused(SendRecord record, TestMail.Route route, int code) {
        SendOutcome outcome = code >= 500 ? SendOutcome.PERMANENT_REFUSAL : SendOutcome.TEMPORARY_REFUSAL;
        record.refused(outcome, code);
        drop(route);
        return outcome;
    }

    private SendOutcome uncertain(SendRecord record, TestMail.Route route) {
        record.attempt(SendOutcome.UNCERTAIN);
        drop(route);
        return SendOutcome.UNCERTAIN;
    }

    private Transport session(TestMail.Route route) throws MessagingException {
        Transport transport = sessions.get(route);
        if (transport != null && transport.isConnected()) {
            return transport;
        }
        transport = mailSessions.get(route).getTransport("smtp");
        try {
            if (route == TestMail.Route.SUBMISSION) {
                transport.connect(PlatformProcesses.ALICE, platform.password(PlatformProcesses.ALICE));
            } else {
                transport.connect();
            }
        } catch (MessagingException e) {
            closeQuietly(transport);
            throw e;
        }
        sessions.put(route, transport);
        return transport;
    }

    private void drop(TestMail.Route route) {
        Transport transport = sessions.remove(route);
        if (transport != null) {
            closeQuietly(transport);
        }
    }

    private static void closeQuietly(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException | RuntimeException e) {
            // The connection is gone already.
        }
    }

    static MimeMessage message(Session session, TestMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        message.setFrom(new InternetAddress(mail.from()));
        message.setRecipients(jakarta.mail.Message.RecipientType.TO, String.join(", ", mail.allRecipients()));
        message.setSubject("reliability " + mail.route().name().toLowerCase() + " #" + mail.index(), "UTF-8");
        message.setSentDate(new Date());
        StringBuilder body = new StringBuilder("Message ").append(mail.index()).append(" of the crash-safety run.\r\n");
        // Bodies of different sizes: a few hundred octets to about 8 KiB.
        int lines = 4 + (mail.index() * 37) % 100;
        for (int i = 0; i < lines; i++) {
            body.append("line ").append(i).append(": the quick brown fox jumps over the lazy dog\r\n");
        }
        message.setText(body.toString(), StandardCharsets.UTF_8.name());
        message.saveChanges();
        return message;
    }

    @Override
    public void close() {
        for (TestMail.Route route : TestMail.Route.values()) {
            drop(route);
        }
    }
}
