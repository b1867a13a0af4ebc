package org.mailplatform.mta.outbound.sts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLHandshakeException;

import org.mailplatform.mta.outbound.https.HttpsClient;
import org.mailplatform.mta.outbound.https.HttpsResponse;
import org.mailplatform.mta.outbound.tlsrpt.TlsResultType;

/**
 * Fetches a domain's policy from {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461
 * 3.3): the certificate must be valid for that name, only a 200 answer counts (redirects are not
 * followed), the media type must be text/plain, and the file may be at most 64 KiB.
 */
public final class StsPolicyFetcher {

    /** RFC 8461 3.3: senders may limit the policy size; 64 KiB is the RFC's example. */
    public static final int MAX_POLICY_BYTES = 64 * 1024;
    static final String PATH = "/.well-known/mta-sts.txt";

    private final HttpsClient https;
    private final int port;

    /** @param port 443; another value only where the policy hosts of tests listen */
    public StsPolicyFetcher(HttpsClient https, int port) {
        this.https = https;
        this.port = port;
    }

    public sealed interface Result {
        record Fetched(StsPolicy policy) implements Result {
        }

        /** @param type sts-policy-fetch-error, sts-policy-invalid or sts-webpki-invalid (RFC 8460 4.3.2.2) */
        record Failed(TlsResultType type, String reason) implements Result {
        }
    }

    public Result fetch(String domain) {
        String host = "mta-sts." + domain;
        HttpsResponse response;
        try {
            response = https.exchange("GET", host, port, PATH, null, null, MAX_POLICY_BYTES);
        } catch (SSLHandshakeException e) {
            TlsResultType cause = TlsResultType.ofHandshakeFailure(e);
            return new Result.Failed(cause == TlsResultType.VALIDATION_FAILURE ? TlsResultType.STS_POLICY_FETCH_ERROR
                    : TlsResultType.STS_WEBPKI_INVALID, host + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Result.Failed(TlsResultType.STS_POLICY_FETCH_ERROR, host + ": " + e.getMessage());
        }
        if (response.status() != 200) {
            // RFC 8461 3.3: "HTTP 3xx redirects MUST NOT be followed"; any other answer is no policy either.
            return new Result.Failed(TlsResultType.STS_POLICY_FETCH_ERROR, host + " answered HTTP " + response.status());
        }
        if (!response.mediaType().equals("text/plain")) {
            return new Result.Failed(TlsResultType.STS_POLICY_INVALID,
                    host + " served the policy as " + (response.mediaType().isEmpty() ? "no media type" : response.mediaType()));
        }
        try {
            return new Result.Fetched(StsPolicy.parse(new String(response.body(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return new Result.Failed(TlsResultType.STS_POLICY_INVALID, host + ": " + e.getMessage());
        }
    }
}
