package org.mailplatform.mta.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The client's TLS contexts: one that accepts any certificate (opportunistic TLS, RFC 7435) and
 * one that verifies the peer against the JVM's CAs or a configured CA file (RFC 6125 host name
 * check). TLS 1.2 and 1.3 only (RFC 8996).
 */
public final class ClientTls {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext opportunistic;
    private final SSLContext verifying;

    private ClientTls(SSLContext opportunistic, SSLContext verifying) {
        this.opportunistic = opportunistic;
        this.verifying = verifying;
    }

    /**
     * @param trustedCaFile PEM file of CA certificates to verify against instead of the JVM's
     *                      default trust store; null for the default
     */
    public static ClientTls create(Path trustedCaFile) {
        try {
            SSLContext any = SSLContext.getInstance("TLS");
            any.init(null, new TrustManager[] {new AcceptAnyCertificate()}, new SecureRandom());
            return new ClientTls(any, verifyingContext(trustedCaFile));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up client TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A context that trusts the JVM's CAs, or only those of {@code trustedCaFile}; host names are
     * checked by whoever uses it (endpoint identification).
     */
    public static SSLContext verifyingContext(Path trustedCaFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustedCaFile == null ? null : keyStore(trustedCaFile));
            SSLContext verified = SSLContext.getInstance("TLS");
            verified.init(null, tmf.getTrustManagers(), new SecureRandom());
            return verified;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up client TLS"
                    + (trustedCaFile == null ? "" : " with CA file " + trustedCaFile) + ": " + e.getMessage(), e);
        }
    }

    /** Wraps a connected socket and completes the handshake; {@code peerName} is sent as SNI and checked when verifying. */
    SSLSocket handshake(Socket plain, String peerName, boolean verify) throws IOException {
        return handshake(plain, peerName, verify ? verifying : opportunistic, verify);
    }

    /**
     * The handshake with a check of the peer's certificate chain of the caller's own (DANE, RFC 7672
     * 3.1): {@code peerCheck} alone decides whether the chain is accepted, no host name check is added.
     */
    SSLSocket handshake(Socket plain, String peerName, X509TrustManager peerCheck) throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {peerCheck}, new SecureRandom());
            return handshake(plain, peerName, context, false);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + peerName + ": " + e.getMessage(), e);
        }
    }

    private static SSLSocket handshake(Socket plain, String peerName, SSLContext context, boolean verify) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, peerName, plain.getPort(), true);
        SSLParameters params = tls.getSSLParameters();
        params.setProtocols(PROTOCOLS);
        if (isHostName(peerName)) {
            params.setServerNames(List.of(new SNIHostName(peerName)));
        }
        if (verify) {
            // RFC 6125 6: the reference identity is the name the client connected to.
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        tls.setSSLParameters(params);
        tls.setUseClientMode(true);
        tls.startHandshake();
        return tls;
    }

    private static boolean isHostName(String name) {
        return name != null && !name.isEmpty() && !name.contains(":") && !name.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                && name.contains(".");
    }

    private static KeyStore keyStore(Path pemFile) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        int i = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate certificate : factory.generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        if (i == 0) {
            throw new IOException("no certificate in " + pemFile);
        }
        return store;
    }

    /** Opportunistic TLS: encryption without authentication, as RFC 7435 describes. */
    private static final class AcceptAnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
