package org.mailplatform.auth.sasl;

import java.util.Optional;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The channel-binding data of a connection for SCRAM-SHA-256-PLUS: the {@code tls-exporter} value
 * of RFC 9266, or none. Only a TLS 1.3 connection has one (RFC 9266 3: tls-exporter is defined for
 * TLS 1.3; on TLS 1.2 without extended master secret it would not be unique to the connection), and
 * only when the TLS engine can export keying material (the JDK's can; an engine that cannot leaves
 * the connection without -PLUS).
 */
public final class ChannelBinding {

    /** RFC 9266 2: the channel-binding type name. */
    public static final String TLS_EXPORTER = "tls-exporter";
    /** RFC 9266 2: exporter label; the context is empty and the length 32 octets. */
    static final String LABEL = "EXPORTER-Channel-Binding";
    static final int LENGTH = 32;

    private static final ChannelBinding NONE = new ChannelBinding(null);

    private final byte[] data;

    private ChannelBinding(byte[] data) {
        this.data = data;
    }

    public static ChannelBinding none() {
        return NONE;
    }

    public static ChannelBinding tlsExporter(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("empty channel-binding data");
        }
        return new ChannelBinding(data.clone());
    }

    /** The binding of an established TLS session; none for no session, TLS below 1.3, or an engine that cannot export. */
    public static ChannelBinding of(Optional<SSLSession> session) {
        return session.map(ChannelBinding::of).orElse(NONE);
    }

    public static ChannelBinding of(SSLSession session) {
        if (session == null || !"TLSv1.3".equals(session.getProtocol())
                || !(session instanceof ExtendedSSLSession extended)) {
            return NONE;
        }
        try {
            byte[] exported = extended.exportKeyingMaterialData(LABEL, new byte[0], LENGTH);
            return exported == null || exported.length != LENGTH ? NONE : new ChannelBinding(exported);
        } catch (SSLException | UnsupportedOperationException | IllegalStateException e) {
            return NONE;
        }
    }

    public boolean present() {
        return data != null;
    }

    /** The binding's octets (the cbind-data of RFC 5802 7). */
    public Optional<byte[]> data() {
        return data == null ? Optional.empty() : Optional.of(data.clone());
    }

    @Override
    public String toString() {
        return present() ? "ChannelBinding[tls-exporter]" : "ChannelBinding[none]";
    }
}
