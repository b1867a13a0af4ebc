package org.mailplatform.mta.outbound.tlsrpt;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** The result types of RFC 8460 4.3, as they appear in a report's failure details. */
public enum TlsResultType {
    // 4.3.1 negotiation failures
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    // 4.3.2.1 DANE-specific policy failures
    TLSA_INVALID("tlsa-invalid"),
    DNSSEC_INVALID("dnssec-invalid"),
    DANE_REQUIRED("dane-required"),
    // 4.3.2.2 MTA-STS-specific policy failures
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid");

    private final String name;

    TlsResultType(String name) {
        this.name = name;
    }

    /** The name RFC 8460 gives it. */
    public String reportName() {
        return name;
    }

    /**
     * The result type of a failed TLS handshake, from the JDK's exception chain: an expired
     * certificate, one that names another host (RFC 6125 check), one that does not chain to a
     * trusted CA, or anything else.
     */
    public static TlsResultType ofHandshakeFailure(Throwable failure) {
        boolean untrusted = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException
                    || t instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return CERTIFICATE_EXPIRED;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // The JDK's host name checker: "No subject alternative DNS name matching x found", "No name matching x found".
            if (message.contains("no subject alternative") || message.contains("no name matching")) {
                return CERTIFICATE_HOST_MISMATCH;
            }
            if (message.contains("pkix path") || message.contains("unable to find valid certification path")) {
                untrusted = true;
            }
        }
        return untrusted ? CERTIFICATE_NOT_TRUSTED : VALIDATION_FAILURE;
    }
}
