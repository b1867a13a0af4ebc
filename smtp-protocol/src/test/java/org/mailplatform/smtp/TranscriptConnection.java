package org.mailplatform.smtp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory connection for transcript tests: records replies and what the session asked of the network. */
final class TranscriptConnection implements SmtpConnection {

    final List<SmtpReply> replies = new ArrayList<>();
    boolean closed;
    boolean tls;
    boolean startTlsAllowed = true;
    long rawRequested = -1;
    int maxLine;
    /** What {@link #inputPending()} answers: set while {@link #packet} feeds a line that has more behind it. */
    boolean pending;

    @Override
    public InetSocketAddress clientAddress() {
        return new InetSocketAddress("127.0.0.9", 40000);
    }

    @Override
    public boolean tlsActive() {
        return tls;
    }

    @Override
    public org.mailplatform.records.TlsInfo tlsInfo() {
        return tls ? new org.mailplatform.records.TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256") : null;
    }

    @Override
    public boolean startTlsAvailable() {
        return startTlsAllowed && !tls;
    }

    @Override
    public void reply(SmtpReply reply) {
        if (closed) {
            throw new IllegalStateException("reply after close: " + reply);
        }
        replies.add(reply);
    }

    @Override
    public void startTls(SmtpReply goAhead) {
        replies.add(goAhead);
        tls = true;
    }

    @Override
    public void readRaw(long octets) {
        rawRequested = octets;
    }

    @Override
    public boolean inputPending() {
        return pending;
    }

    @Override
    public void maxLineLength(int octets) {
        maxLine = octets;
    }

    @Override
    public void replyAndClose(SmtpReply reply) {
        replies.add(reply);
        closed = true;
    }

    SmtpReply last() {
        return replies.get(replies.size() - 1);
    }

    /**
     * Feeds text as a client that waits for each reply would, split on CRLF; a lone LF is reported as a
     * bare line ending.
     */
    static void send(SmtpConversation c, String text) {
        feed(c, text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** Feeds text as one packet: every line but the last arrives with more input behind it. */
    void packet(SmtpConversation c, String text) {
        feed(c, text.getBytes(StandardCharsets.UTF_8), this);
    }

    /** Feeds raw bytes as one packet, e.g. a line that is not valid UTF-8. */
    void packet(SmtpConversation c, byte[] bytes) {
        feed(c, bytes, this);
    }

    private static void feed(SmtpConversation c, byte[] b, TranscriptConnection onePacket) {
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                boolean crlf = i > start && b[i - 1] == '\r';
                int end = crlf ? i - 1 : i;
                byte[] line = java.util.Arrays.copyOfRange(b, start, end);
                boolean bareCr = false;
                for (byte x : line) {
                    bareCr |= x == '\r';
                }
                if (onePacket != null) {
                    onePacket.pending = i + 1 < b.length;
                }
                c.line(line, !crlf, bareCr, false);
                start = i + 1;
            }
        }
        if (onePacket != null) {
            onePacket.pending = false;
        }
    }
}
