package org.mailplatform.kernel.netty;

import javax.net.ssl.SSLSession;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import org.mailplatform.kernel.TlsInfo;

/** Creates server TLS handlers from the current context and reads back what was negotiated. */
final class TlsHandlers {

    private TlsHandlers() {
    }

    /**
     * A handler from the context in force now, so a rotated certificate applies to this handshake.
     *
     * @param startTls let the first write (the STARTTLS go-ahead) pass unencrypted
     */
    static SslHandler newHandler(KernelRuntime runtime, Channel channel, boolean startTls) {
        if (runtime.tls == null) {
            throw new IllegalStateException("a TLS listener needs an SslContextSource");
        }
        SslHandler handler = new SslHandler(runtime.tls.sslContext().newEngine(channel.alloc()), startTls);
        handler.setHandshakeTimeoutMillis(runtime.settings.tlsHandshakeTimeout().toMillis());
        return handler;
    }

    static TlsInfo info(SslHandler handler) {
        SSLSession session = handler.engine().getSession();
        return new TlsInfo(session.getProtocol(), session.getCipherSuite());
    }
}
