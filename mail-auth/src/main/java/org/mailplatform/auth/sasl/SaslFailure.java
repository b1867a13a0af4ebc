package org.mailplatform.auth.sasl;

/**
 * Why an exchange ended without success. Suggested replies:
 * <table>
 *   <caption>reason to protocol reply</caption>
 *   <tr><th>reason</th><th>SMTP (RFC 4954)</th><th>IMAP (RFC 9051, RFC 5530)</th><th>POP3 (RFC 5034, RFC 3206)</th></tr>
 *   <tr><td>UNSUPPORTED_MECHANISM</td><td>504 5.5.4</td><td>NO</td><td>-ERR</td></tr>
 *   <tr><td>MALFORMED</td><td>501 5.5.2</td><td>BAD</td><td>-ERR</td></tr>
 *   <tr><td>CANCELLED</td><td>501 5.7.0</td><td>BAD</td><td>-ERR</td></tr>
 *   <tr><td>BAD_CREDENTIALS, DISABLED</td><td>535 5.7.8</td><td>NO [AUTHENTICATIONFAILED]</td><td>-ERR [AUTH]</td></tr>
 *   <tr><td>AUTHZID_REFUSED</td><td>535 5.7.8</td><td>NO [AUTHORIZATIONFAILED]</td><td>-ERR [AUTH]</td></tr>
 *   <tr><td>THROTTLED, UNAVAILABLE</td><td>454 4.7.0</td><td>NO [UNAVAILABLE]</td><td>-ERR [SYS/TEMP]</td></tr>
 *   <tr><td>ALREADY_COMPLETE</td><td>503 5.5.1</td><td>BAD</td><td>-ERR</td></tr>
 * </table>
 */
public enum SaslFailure {
    UNSUPPORTED_MECHANISM,
    /** Bad base64, wrong structure, invalid UTF-8, empty or oversized fields. */
    MALFORMED,
    /** The client sent "*" (RFC 4422 §3.5). */
    CANCELLED,
    BAD_CREDENTIALS,
    /** The client asked to act as an identity other than its own (RFC 4616 §2). */
    AUTHZID_REFUSED,
    THROTTLED,
    DISABLED,
    UNAVAILABLE,
    /** A response after the exchange ended. */
    ALREADY_COMPLETE
}
