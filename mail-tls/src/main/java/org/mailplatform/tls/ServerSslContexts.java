package org.mailplatform.tls;

import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds server {@link SslContext}s: TLS 1.3 and 1.2 only (RFC 8996 retired 1.0 and 1.1; RFC 8314 §4.1
 * asks mail services for current TLS), forward-secret AEAD cipher suites only (RFC 9325 §4.2), BoringSSL
 * through netty-tcnative when it loads and the JDK otherwise.
 */
public final class ServerSslContexts {

    private static final Logger log = LoggerFactory.getLogger(ServerSslContexts.class);

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /**
     * TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2 (RFC 9325 §4.2).
     * Suites an engine does not support are dropped by {@link SupportedCipherSuiteFilter}.
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final SslProvider PROVIDER = chooseProvider();

    private ServerSslContexts() {
    }

    /** OpenSSL (BoringSSL) when netty-tcnative is usable here, the JDK otherwise; decided once per JVM. */
    public static SslProvider defaultProvider() {
        return PROVIDER;
    }

    public static SslContext create(TlsCredentials credentials) {
        return create(credentials, PROVIDER);
    }

    /** The provider for a configured engine; OPENSSL falls back to the JDK where netty-tcnative cannot load. */
    public static SslProvider provider(TlsSettings.Engine engine) {
        return switch (engine) {
            case AUTO -> PROVIDER;
            case JDK -> SslProvider.JDK;
            case OPENSSL -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        };
    }

    public static SslContext create(TlsCredentials credentials, SslProvider provider) {
        try {
            return SslContextBuilder.forServer(credentials.privateKey(), credentials.chain())
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
        } catch (SSLException | RuntimeException e) {
            throw new InvalidCredentialsException("cannot build a TLS context from " + credentials.describe() + ": " + e.getMessage(), e);
        }
    }

    private static SslProvider chooseProvider() {
        if (OpenSsl.isAvailable()) {
            log.info("TLS engine: OpenSSL via netty-tcnative ({})", OpenSsl.versionString());
            return SslProvider.OPENSSL;
        }
        log.info("TLS engine: JDK (netty-tcnative unavailable: {})", String.valueOf(OpenSsl.unavailabilityCause()));
        return SslProvider.JDK;
    }
}
