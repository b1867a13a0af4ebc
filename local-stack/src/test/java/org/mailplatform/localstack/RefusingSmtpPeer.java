package org.mailplatform.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.smtp.MailParameters;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpPolicy;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpSettings;
import org.mailplatform.smtp.SmtpTransaction;
import org.mailplatform.smtp.server.SmtpSessionFactory;
import org.mailplatform.tls.ServerTls;
import org.mailplatform.tls.TlsSettings;

/**
 * Another domain's mail server that has none of the recipients it is offered: the platform's own
 * SMTP conversation on the protocol kernel, with STARTTLS, answering every RCPT TO with
 * {@code 550 5.1.1} (RFC 5321 4.2.2 / RFC 3463 5.1.1: bad destination mailbox address).
 */
final class RefusingSmtpPeer implements AutoCloseable {

    static final String REPLY_TEXT = "No such user here";

    private final ServerTls tls;
    private final ProtocolServer server;
    private final List<String> refused = new CopyOnWriteArrayList<>();

    RefusingSmtpPeer(String hostname) {
        tls = ServerTls.start(TlsSettings.selfSigned(hostname), null);
        server = ProtocolServer.builder("smtp", new SmtpSessionFactory(SmtpSettings.transfer(hostname), new RefuseAll(), null, null))
                .settings(KernelSettings.defaults().withShutdownGracePeriod(Duration.ZERO))
                .listener(new ListenerSpec("smtp", "127.0.0.1", 0, TlsMode.STARTTLS))
                .tls(tls)
                .build();
        server.start();
    }

    int port() {
        return server.boundPort("smtp");
    }

    /** Every RCPT TO address refused so far, repeats included. */
    List<String> refusedRecipients() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.close();
        tls.close();
    }

    private final class RefuseAll implements SmtpPolicy {
        @Override
        public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                                        RcptParameters parameters) {
            refused.add(recipient.address());
            return SmtpReply.of(550, "5.1.1", REPLY_TEXT);
        }

        @Override
        public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction transaction, byte[] message) {
            throw new IllegalStateException("no recipient was accepted, so no message can arrive");
        }
    }
}
