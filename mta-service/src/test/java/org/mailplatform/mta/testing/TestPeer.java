package org.mailplatform.mta.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.TlsInfo;
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
 * A real SMTP server for the client to talk to: the platform's own SMTP conversation on the
 * protocol kernel, with a self-signed certificate, and a policy that answers by the recipient's
 * local part and records what it accepted.
 * <ul>
 * <li>{@code reject...}: 550 5.1.1 at RCPT;</li>
 * <li>{@code greylist...}: 451 4.7.1 at RCPT for the first two tries of that address, then accepted;</li>
 * <li>{@code defer...}: 451 4.3.0 at RCPT until {@link #acceptFromNowOn(String)};</li>
 * <li>{@code late...}: accepted at RCPT, 451 4.3.0 after the data;</li>
 * <li>anything else: accepted.</li>
 * </ul>
 */
public final class TestPeer implements AutoCloseable {

    /** What the peer accepted: one transaction. */
    public record Received(String sessionId, TlsInfo tls, String authenticatedUser, String from,
                           MailParameters parameters, List<String> recipients,
                           Map<String, Set<DsnNotify>> notifyOn, Map<String, OriginalRecipient> orcpt, byte[] message) {

        public String text() {
            return new String(message, StandardCharsets.UTF_8);
        }
    }

    private final ProtocolServer server;
    private final ServerTls tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> rcptAttempts = new ConcurrentHashMap<>();
    private final Set<String> acceptNow = ConcurrentHashMap.newKeySet();

    private TestPeer(String hostname, TlsMode mode, SmtpSettings settings, SaslAuthenticator sasl) {
        this.tls = ServerTls.start(TlsSettings.selfSigned(hostname), null);
        SmtpSessionFactory factory = new SmtpSessionFactory(settings, new ScriptedPolicy(), sasl, null);
        this.server = ProtocolServer.builder("smtp", factory)
                .settings(KernelSettings.defaults().withShutdownGracePeriod(Duration.ZERO)
                        .withMaxConnectionsPerAddress(200))
                .listener(new ListenerSpec("smtp", "127.0.0.1", 0, mode))
                .tls(tls)
                .build();
        server.start();
    }

    /** A port 25 style peer (no AUTH) with STARTTLS. */
    public static TestPeer transfer(String hostname) {
        return new TestPeer(hostname, TlsMode.STARTTLS, SmtpSettings.transfer(hostname), null);
    }

    public static TestPeer start(String hostname, TlsMode mode, SmtpSettings settings, SaslAuthenticator sasl) {
        return new TestPeer(hostname, mode, settings, sasl);
    }

    public int port() {
        return server.boundPort("smtp");
    }

    public ServerTls tls() {
        return tls;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Messages that reached the peer for {@code address}. */
    public List<Received> receivedFor(String address) {
        return received.stream().filter(r -> r.recipients().contains(address)).toList();
    }

    /** RCPT TO commands the peer has seen for {@code address}, accepted or not. */
    public int rcptAttempts(String address) {
        AtomicInteger n = rcptAttempts.get(address);
        return n == null ? 0 : n.get();
    }

    public void acceptFromNowOn(String address) {
        acceptNow.add(address);
    }

    @Override
    public void close() {
        server.close();
        tls.close();
    }

    private final class ScriptedPolicy implements SmtpPolicy {

        @Override
        public SmtpReply checkSender(SmtpSessionInfo session, MailPath from, MailParameters parameters) {
            return null;
        }

        @Override
        public SmtpReply checkRecipient(SmtpSessionInfo session, SmtpTransaction soFar, MailPath recipient,
                                        RcptParameters parameters) {
            String address = recipient.address();
            int attempt = rcptAttempts.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            String local = recipient.localPart();
            if (acceptNow.contains(address)) {
                return null;
            }
            if (local.startsWith("reject")) {
                return SmtpReply.of(550, "5.1.1", "No such user here");
            }
            if (local.startsWith("greylist") && attempt <= 2) {
                return SmtpReply.of(451, "4.7.1", "Greylisted, try again later");
            }
            if (local.startsWith("defer")) {
                return SmtpReply.of(451, "4.3.0", "Temporarily unable to accept mail");
            }
            return null;
        }

        @Override
        public SmtpReply accept(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
            List<String> recipients = tx.recipients().stream().map(r -> r.path().address()).toList();
            if (recipients.stream().anyMatch(r -> r.startsWith("late") && !acceptNow.contains(r))) {
                return SmtpReply.of(451, "4.3.0", "Queue trouble, try again later");
            }
            Map<String, Set<DsnNotify>> notify = new ConcurrentHashMap<>();
            Map<String, OriginalRecipient> orcpt = new ConcurrentHashMap<>();
            for (SmtpTransaction.Recipient r : tx.recipients()) {
                notify.put(r.path().address(), r.parameters().notifyOn());
                if (r.parameters().orcpt() != null) {
                    orcpt.put(r.path().address(), r.parameters().orcpt());
                }
            }
            received.add(new Received(session.sessionId(), session.tlsInfo(), session.authenticatedUser(),
                    tx.from().address(), tx.parameters(), recipients, notify, orcpt, message));
            return SmtpReply.of(250, "2.0.0", "Ok: queued");
        }
    }
}
