package org.mailplatform.kernel;

import java.util.Objects;

/**
 * The negotiated TLS parameters of a connection, as a protocol reports them (e.g. in a Received header
 * clause, RFC 5321 §4.4 / RFC 8314 §4.3: {@code (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)}).
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite the IANA name, e.g. {@code TLS_AES_256_GCM_SHA384}
 */
public record TlsInfo(String protocol, String cipherSuite) {

    public TlsInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }
}
