package org.mailplatform.pop3;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

import org.mailplatform.pop3.session.Pop3Connection;

/** A connection that records what the session sends; TLS is a flag that STLS flips. */
final class ScriptedConnection implements Pop3Connection {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean tlsActive;
    private boolean canStartTls;
    private boolean open = true;

    ScriptedConnection(boolean tlsActive, boolean canStartTls) {
        this.tlsActive = tlsActive;
        this.canStartTls = canStartTls;
    }

    /** Everything written since the last call. */
    String takeOutput() {
        String text = output.toString(StandardCharsets.UTF_8);
        output.reset();
        return text;
    }

    @Override
    public String sessionId() {
        return "scripted";
    }

    @Override
    public InetAddress clientAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public boolean tlsActive() {
        return tlsActive;
    }

    @Override
    public boolean canStartTls() {
        return canStartTls && !tlsActive;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void write(byte[] bytes) {
        if (open) {
            output.writeBytes(bytes);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void startTls(byte[] goAhead) {
        output.writeBytes(goAhead);
        tlsActive = true;
        canStartTls = false;
    }

    @Override
    public void closeAfter(byte[] finalReply) {
        write(finalReply);
        open = false;
    }

    @Override
    public void close() {
        open = false;
    }
}
