package org.mailplatform.mta.outbound.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

/** The classification reads the exception chains the JDK's trust manager and host name checker produce. */
class TlsResultTypeTest {

    @Test
    void classifiesHandshakeFailures() {
        assertThat(TlsResultType.ofHandshakeFailure(handshake(new CertificateExpiredException("NotAfter: ..."))))
                .isEqualTo(TlsResultType.CERTIFICATE_EXPIRED);
        assertThat(TlsResultType.ofHandshakeFailure(handshake(
                new CertificateException("No subject alternative DNS name matching mx.example found."))))
                .isEqualTo(TlsResultType.CERTIFICATE_HOST_MISMATCH);
        assertThat(TlsResultType.ofHandshakeFailure(handshake(new CertificateException(
                "PKIX path building failed: unable to find valid certification path to requested target"))))
                .isEqualTo(TlsResultType.CERTIFICATE_NOT_TRUSTED);
        assertThat(TlsResultType.ofHandshakeFailure(new SSLHandshakeException("Received fatal alert: protocol_version")))
                .isEqualTo(TlsResultType.VALIDATION_FAILURE);
        assertThat(TlsResultType.STARTTLS_NOT_SUPPORTED.reportName()).isEqualTo("starttls-not-supported");
    }

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(cause.getMessage());
        e.initCause(cause);
        return e;
    }
}
