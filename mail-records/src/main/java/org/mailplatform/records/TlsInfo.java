package org.mailplatform.records;

/**
 * The TLS session a message arrived over, for the Received: header (RFC 8314 4.3 asks for
 * the TLS protocol and cipher to be recorded there).
 *
 * @param protocol    e.g. {@code TLSv1.3}
 * @param cipherSuite e.g. {@code TLS_AES_128_GCM_SHA256}
 */
public record TlsInfo(String protocol, String cipherSuite) {

    public TlsInfo {
        Checks.text(protocol, "TLS protocol", 64);
        Checks.text(cipherSuite, "TLS cipher suite", 128);
    }
}
