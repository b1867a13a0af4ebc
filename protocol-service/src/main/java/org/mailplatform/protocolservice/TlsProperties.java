package org.mailplatform.protocolservice;

import java.time.Duration;

import org.mailplatform.tls.TlsSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mailplatform.tls.*}: the server certificate.
 *
 * @param certificateDir a directory holding {@code tls.crt} and {@code tls.key} (a mounted
 *                       {@code kubernetes.io/tls} secret), reloaded when they change; empty for a
 *                       self-signed certificate made at start (local development only)
 * @param hostname       the name the self-signed certificate is made for
 * @param engine         {@code auto} (OpenSSL where it loads), {@code jdk} or {@code openssl}; only the
 *                       JDK's engine gives SCRAM-SHA-256-PLUS its channel binding
 */
@ConfigurationProperties(prefix = "mailplatform.tls")
public record TlsProperties(String certificateDir, String hostname, Duration reloadInterval, TlsSettings.Engine engine) {

    public TlsSettings toSettings(String fallbackHostname) {
        String host = hostname == null || hostname.isBlank() ? fallbackHostname : hostname;
        TlsSettings settings = TlsSettings.of(certificateDir == null || certificateDir.isBlank() ? null : certificateDir, host);
        settings = engine == null ? settings : settings.withEngine(engine);
        return reloadInterval == null ? settings : settings.withReloadInterval(reloadInterval);
    }
}
