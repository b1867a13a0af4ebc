package org.mailplatform.mta.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

import org.mailplatform.records.BodyType;
import org.mailplatform.records.TlsInfo;
import org.mailplatform.smtp.SmtpReply;

/**
 * One open SMTP connection to a peer, ready for mail transactions (RFC 5321 3.3). Several
 * messages may go over it one after the other; {@link #usable()} says whether another may.
 */
public final class SmtpClientSession implements AutoCloseable {

    private static final int OUTPUT_BUFFER = 64 * 1024;
    private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(10);

    private final InetSocketAddress address;
    private final String peerName;
    private final SmtpClientSettings settings;
    private Socket socket;
    private DeadlineOutputStream rawOut;
    private OutputStream out;
    private ReplyReader in;
    private ServerCapabilities capabilities = ServerCapabilities.helo();
    private TlsInfo tlsInfo;
    private boolean usable = true;

    private SmtpClientSession(InetSocketAddress address, String peerName, SmtpClientSettings settings) {
        this.address = address;
        this.peerName = peerName;
        this.settings = settings;
    }

    static SmtpClientSession open(InetSocketAddress address, String peerName, TlsPolicy policy, Credentials credentials,
                                  SmtpClientSettings settings, ClientTls tls, SmtpClientListener listener)
            throws SmtpClientException {
        return open(address, peerName, policy, credentials, settings, tls, listener, null);
    }

    /** @param peerCheck judges the peer's certificate chain instead of {@code policy}'s trust; null for none */
    static SmtpClientSession open(InetSocketAddress address, String peerName, TlsPolicy policy, Credentials credentials,
                                  SmtpClientSettings settings, ClientTls tls, SmtpClientListener listener,
                                  X509TrustManager peerCheck) throws SmtpClientException {
        SmtpClientSession session = new SmtpClientSession(address, peerName, settings);
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) settings.connectTimeout().toMillis());
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(socket);
            listener.connected(false);
            throw new SmtpClientException(DeliveryOutcome.temporary("4.4.1",
                    "connect to " + session.describePeer() + ": " + reason(e)), false, e);
        }
        listener.connected(true);
        session.attach(socket);
        try {
            SmtpReply greeting = session.read(settings.greetingTimeout(), "the greeting");
            if (greeting.code() != 220) {
                // RFC 5321 3.1: 554 instead of 220 means the server will not serve this client.
                throw session.refused(greeting, "greeted with");
            }
            session.hello();
            session.startTls(policy, tls, listener, peerCheck);
            if (credentials != null) {
                session.authenticate(credentials);
            }
            return session;
        } catch (IOException e) {
            session.close();
            throw new SmtpClientException(session.lost(e, "setting up the session"), false, e);
        } catch (SmtpClientException e) {
            session.quit();
            throw e;
        }
    }

    /** RFC 5321 3.2 and 4.1.1.1: EHLO first; a server that does not know it gets HELO. */
    private void hello() throws IOException, SmtpClientException {
        SmtpReply ehlo = command("EHLO " + settings.heloName(), settings.commandTimeout(), "EHLO");
        if (ehlo.positive()) {
            capabilities = ServerCapabilities.fromEhlo(ehlo);
            return;
        }
        if (ehlo.code() < 500) {
            throw refused(ehlo, "EHLO answered with");
        }
        SmtpReply helo = command("HELO " + settings.heloName(), settings.commandTimeout(), "HELO");
        if (!helo.positive()) {
            throw refused(helo, "HELO answered with");
        }
        capabilities = ServerCapabilities.helo();
    }

    /** RFC 3207 4 and 4.2: STARTTLS, the handshake, then everything learnt before is forgotten. */
    private void startTls(TlsPolicy policy, ClientTls tls, SmtpClientListener listener, X509TrustManager peerCheck)
            throws IOException, SmtpClientException {
        if (policy == TlsPolicy.NONE) {
            return;
        }
        if (!capabilities.startTls()) {
            listener.tls("not_offered");
            if (policy.mandatory()) {
                throw new SmtpClientException(DeliveryOutcome.temporary("4.7.4",
                        "TLS is required, but was not offered by " + describePeer()));
            }
            return;
        }
        SmtpReply reply = command("STARTTLS", settings.commandTimeout(), "STARTTLS");
        if (reply.code() != 220) {
            listener.tls("refused");
            if (policy.mandatory() || reply.code() == 421) {
                throw new SmtpClientException(DeliveryOutcome.temporary("4.7.4",
                        "TLS is required, but " + describePeer() + " answered STARTTLS with " + DeliveryOutcome.describe(reply)));
            }
            return;
        }
        SSLSocket secured;
        try {
            socket.setSoTimeout((int) settings.commandTimeout().toMillis());
            secured = peerCheck != null ? tls.handshake(socket, peerName, peerCheck)
                    : tls.handshake(socket, peerName, policy == TlsPolicy.VERIFY);
        } catch (IOException e) {
            listener.tls("failed");
            close();
            throw new SmtpClientException(DeliveryOutcome.temporary("4.7.5",
                    "TLS handshake with " + describePeer() + " failed: " + reason(e)), true, e);
        }
        listener.tls("established");
        attach(secured);
        SSLSession session = secured.getSession();
        tlsInfo = new TlsInfo(session.getProtocol(), session.getCipherSuite());
        capabilities = ServerCapabilities.helo();
        hello();
    }

    /** RFC 4954 4 with the PLAIN mechanism of RFC 4616, never over an unencrypted connection. */
    private void authenticate(Credentials credentials) throws IOException, SmtpClientException {
        if (tlsInfo == null) {
            throw new SmtpClientException(DeliveryOutcome.temporary("4.7.0",
                    "not sending credentials to " + describePeer() + " without TLS"));
        }
        if (!capabilities.auth("PLAIN")) {
            throw new SmtpClientException(DeliveryOutcome.temporary("4.7.0",
                    describePeer() + " does not offer AUTH PLAIN"));
        }
        byte[] token = ("\0" + credentials.username() + "\0" + credentials.password()).getBytes(StandardCharsets.UTF_8);
        String response = Base64.getEncoder().encodeToString(token);
        SmtpReply reply = command("AUTH PLAIN " + response, settings.commandTimeout(), "AUTH");
        if (reply.code() == 334) {
            // RFC 4954 4: a server that ignores the initial response asks for it with an empty challenge.
            reply = command(response, settings.commandTimeout(), "AUTH");
        }
        if (reply.code() != 235) {
            // A refused login is a configuration problem here, not a verdict on the mail: retry later.
            throw new SmtpClientException(DeliveryOutcome.temporary("4.7.0",
                    "authentication to " + describePeer() + " failed: " + DeliveryOutcome.describe(reply)));
        }
    }

    /**
     * One mail transaction (RFC 5321 3.3), pipelined when the peer offers PIPELINING (RFC 2920).
     *
     * @throws SmtpClientException when the connection broke down in the middle; the outcome then
     *                             applies to every recipient
     */
    public TransactionResult send(OutgoingMessage message) throws SmtpClientException {
        if (!usable) {
            throw new SmtpClientException(DeliveryOutcome.temporary("4.4.2", "connection to " + describePeer() + " is closed"));
        }
        long size = WireData.normalizedLength(message.content());
        Optional<DeliveryOutcome> refusal = MessagePreflight.refusal(message, capabilities, size);
        if (refusal.isPresent()) {
            return new TransactionResult(message.recipients().stream()
                    .map(r -> new RecipientResult(r, refusal.get())).toList(), false, capabilities.dsn());
        }
        boolean chunked = message.bodyType() == BodyType.BINARY_MIME
                || settings.preferChunking() && capabilities.chunking();
        try {
            return transaction(message, size, chunked);
        } catch (IOException e) {
            close();
            throw new SmtpClientException(lost(e, "sending the message"), false, e);
        }
    }

    private TransactionResult transaction(OutgoingMessage message, long size, boolean chunked) throws IOException {
        String mail = MailCommands.mailFrom(message, capabilities, size);
        List<String> rcpts = message.recipients().stream().map(r -> MailCommands.rcptTo(r, capabilities)).toList();
        SmtpReply mailReply;
        List<SmtpReply> rcptReplies = new ArrayList<>();
        SmtpReply dataReply = null;
        if (capabilities.pipelining()) {
            // RFC 2920 3.1: MAIL, RCPT and DATA may go in one group, DATA last; replies come in order.
            StringBuilder group = new StringBuilder(mail).append("\r\n");
            rcpts.forEach(r -> group.append(r).append("\r\n"));
            if (!chunked) {
                group.append("DATA\r\n");
            }
            write(group.toString().getBytes(StandardCharsets.UTF_8), settings.commandTimeout());
            mailReply = read(settings.commandTimeout(), "MAIL FROM");
            for (int i = 0; i < rcpts.size(); i++) {
                rcptReplies.add(read(settings.commandTimeout(), "RCPT TO"));
            }
            if (!chunked) {
                dataReply = read(settings.dataInitTimeout(), "DATA");
            }
        } else {
            mailReply = command(mail, settings.commandTimeout(), "MAIL FROM");
            if (mailReply.positive()) {
                for (String rcpt : rcpts) {
                    rcptReplies.add(command(rcpt, settings.commandTimeout(), "RCPT TO"));
                }
                if (!chunked && rcptReplies.stream().anyMatch(SmtpReply::positive)) {
                    dataReply = command("DATA", settings.dataInitTimeout(), "DATA");
                }
            }
        }
        if (!mailReply.positive()) {
            abandon(dataReply);
            DeliveryOutcome outcome = DeliveryOutcome.of(mailReply);
            return new TransactionResult(message.recipients().stream()
                    .map(r -> new RecipientResult(r, outcome)).toList(), true, capabilities.dsn());
        }
        List<RecipientResult> results = new ArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        for (int i = 0; i < rcptReplies.size(); i++) {
            SmtpReply reply = rcptReplies.get(i);
            noteClosing(reply);
            if (reply.positive()) {
                accepted.add(i);
                results.add(null);
            } else {
                results.add(new RecipientResult(message.recipients().get(i), DeliveryOutcome.of(reply)));
            }
        }
        if (accepted.isEmpty()) {
            abandon(dataReply);
            return new TransactionResult(results, false, capabilities.dsn());
        }
        DeliveryOutcome outcome = chunked ? sendChunk(message) : sendData(dataReply, message);
        for (int i : accepted) {
            results.set(i, new RecipientResult(message.recipients().get(i), outcome));
        }
        return new TransactionResult(results, false, capabilities.dsn());
    }

    /** RFC 5321 4.1.1.4: the text after 354, dot-stuffed, then CRLF.CRLF and the reply. */
    private DeliveryOutcome sendData(SmtpReply dataReply, OutgoingMessage message) throws IOException {
        if (dataReply.code() != 354) {
            noteClosing(dataReply);
            resetIfOpen();
            return dataReply.positive()
                    ? DeliveryOutcome.temporary("4.5.0", describePeer() + " answered DATA with " + DeliveryOutcome.describe(dataReply))
                    : DeliveryOutcome.of(dataReply);
        }
        rawOut.timeout(settings.dataBlockTimeout());
        WireData.writeDotStuffed(message.content(), out);
        out.flush();
        return finalReply(read(settings.dataEndTimeout(), "the end of the message"));
    }

    /** RFC 3030 2: one BDAT LAST chunk with the exact octet count, no dot-stuffing. */
    private DeliveryOutcome sendChunk(OutgoingMessage message) throws IOException {
        byte[] payload = message.bodyType() == BodyType.BINARY_MIME ? message.content() : WireData.normalized(message.content());
        rawOut.timeout(settings.commandTimeout());
        out.write(("BDAT " + payload.length + " LAST\r\n").getBytes(StandardCharsets.US_ASCII));
        rawOut.timeout(settings.dataBlockTimeout());
        out.write(payload);
        out.flush();
        return finalReply(read(settings.dataEndTimeout(), "the end of the message"));
    }

    private DeliveryOutcome finalReply(SmtpReply reply) {
        noteClosing(reply);
        if (reply.code() >= 300 && reply.code() < 400) {
            usable = false;
            return DeliveryOutcome.temporary("4.5.0", describePeer() + " answered the message with " + DeliveryOutcome.describe(reply));
        }
        return DeliveryOutcome.of(reply);
    }

    /**
     * Ends a transaction that will carry no message. RFC 2920 3.1: a pipelined DATA the server
     * accepted anyway gets an empty message, whose reply is ignored; then RSET.
     */
    private void abandon(SmtpReply dataReply) throws IOException {
        if (dataReply != null && dataReply.code() == 354) {
            write(".\r\n".getBytes(StandardCharsets.US_ASCII), settings.dataBlockTimeout());
            read(settings.dataEndTimeout(), "the end of an empty message");
        }
        resetIfOpen();
    }

    private void resetIfOpen() throws IOException {
        if (!usable) {
            return;
        }
        SmtpReply reply = command("RSET", settings.commandTimeout(), "RSET");
        if (!reply.positive()) {
            usable = false;
        }
    }

    /** RFC 5321 3.8: 421 means the server is closing the connection. */
    private void noteClosing(SmtpReply reply) {
        if (reply.code() == 421) {
            usable = false;
        }
    }

    public ServerCapabilities capabilities() {
        return capabilities;
    }

    /** The TLS session, or null for a plaintext connection. */
    public TlsInfo tls() {
        return tlsInfo;
    }

    public InetSocketAddress address() {
        return address;
    }

    public String peerName() {
        return peerName;
    }

    /** Whether another transaction may go over this connection. */
    public boolean usable() {
        return usable && socket != null && !socket.isClosed();
    }

    /** RFC 5321 4.1.1.10: QUIT, then close whatever the answer. */
    public void quit() {
        if (usable()) {
            try {
                command("QUIT", QUIT_TIMEOUT.compareTo(settings.commandTimeout()) < 0 ? QUIT_TIMEOUT : settings.commandTimeout(), "QUIT");
            } catch (IOException ignored) {
                // The peer may already be gone; the connection is closed either way.
            }
        }
        close();
    }

    @Override
    public void close() {
        usable = false;
        closeQuietly(socket);
    }

    // ---- wire ----

    private void attach(Socket s) {
        try {
            socket = s;
            rawOut = new DeadlineOutputStream(s.getOutputStream(), s, settings.commandTimeout());
            out = new BufferedOutputStream(rawOut, OUTPUT_BUFFER);
            InputStream input = new BufferedInputStream(s.getInputStream());
            in = new ReplyReader(input);
        } catch (IOException e) {
            throw new IllegalStateException("socket streams unavailable", e);
        }
    }

    private SmtpReply command(String line, Duration timeout, String what) throws IOException {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8), settings.commandTimeout());
        return read(timeout, what);
    }

    private void write(byte[] bytes, Duration timeout) throws IOException {
        rawOut.timeout(timeout);
        out.write(bytes);
        out.flush();
    }

    private SmtpReply read(Duration timeout, String what) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no reply to " + what + " within " + timeout);
        }
    }

    private SmtpClientException refused(SmtpReply reply, String what) {
        usable = reply.code() != 421;
        DeliveryOutcome outcome = DeliveryOutcome.of(reply);
        String text = describePeer() + " " + what + " " + DeliveryOutcome.describe(reply);
        return new SmtpClientException(outcome.isPermanent()
                ? DeliveryOutcome.permanent(outcome.status(), text)
                : DeliveryOutcome.temporary(outcome.status().charAt(0) == '4' ? outcome.status() : "4.0.0", text));
    }

    private DeliveryOutcome lost(IOException e, String during) {
        String kind = e instanceof SocketTimeoutException ? "timeout" : e instanceof SmtpProtocolException
                ? "protocol error" : "lost connection";
        String status = e instanceof SmtpProtocolException ? "4.5.0" : "4.4.2";
        return DeliveryOutcome.temporary(status, kind + " with " + describePeer() + " while " + during + ": " + reason(e));
    }

    String describePeer() {
        String ip = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return peerName + "[" + ip + "]:" + address.getPort();
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
