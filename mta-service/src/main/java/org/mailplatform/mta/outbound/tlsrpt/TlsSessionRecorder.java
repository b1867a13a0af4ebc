package org.mailplatform.mta.outbound.tlsrpt;

import org.mailplatform.mta.dns.MailHost;

/** Counts the TLS sessions that RFC 8460 reports; never fails a delivery. */
public interface TlsSessionRecorder {

    TlsSessionRecorder NONE = new TlsSessionRecorder() {
        @Override
        public void success(AppliedPolicy policy) {
        }

        @Override
        public void failure(AppliedPolicy policy, TlsResultType type, MailHost host, String reason) {
        }
    };

    void success(AppliedPolicy policy);

    /** @param host the MX host of the failed session, or null for failures before any (policy fetch) */
    void failure(AppliedPolicy policy, TlsResultType type, MailHost host, String reason);
}
