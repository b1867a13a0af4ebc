package org.mailplatform.kernel;

import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.SslContext;
import org.mailplatform.tls.SelfSignedCredentials;
import org.mailplatform.tls.ServerSslContexts;
import org.mailplatform.tls.SslContextSource;
import org.mailplatform.tls.TlsCredentials;

/** A server certificate for tests, swappable like a rotated secret, and a client that trusts it. */
public final class TestTls implements SslContextSource {

    private volatile TlsCredentials credentials;
    private volatile SslContext context;

    public TestTls() {
        rotate();
    }

    /** Issues a fresh certificate; later handshakes present it. */
    public void rotate() {
        TlsCredentials next = SelfSignedCredentials.generate("localhost");
        context = ServerSslContexts.create(next);
        credentials = next;
    }

    public X509Certificate certificate() {
        return credentials.leaf();
    }

    @Override
    public SslContext sslContext() {
        return context;
    }

    /** A client context trusting exactly the given certificates. */
    public static SSLContext clientTrusting(X509Certificate... certificates) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < certificates.length; i++) {
                trust.setCertificateEntry("c" + i, certificates[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
