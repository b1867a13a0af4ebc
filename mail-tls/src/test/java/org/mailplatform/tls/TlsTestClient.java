package org.mailplatform.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A JDK TLS client connection to a {@link TlsEchoServer}. */
final class TlsTestClient implements AutoCloseable {

    private final SSLSocket socket;

    TlsTestClient(SSLContext context, int port, String... protocols) throws IOException {
        socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        socket.startHandshake();
    }

    SSLSocket socket() {
        return socket;
    }

    X509Certificate peerCertificate() throws IOException {
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    /** Sends {@code text} and reads the same number of bytes back. */
    String echo(String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(sent);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] received = in.readNBytes(sent.length);
        return new String(received, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
