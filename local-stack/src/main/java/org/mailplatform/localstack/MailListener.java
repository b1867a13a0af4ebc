package org.mailplatform.localstack;

/**
 * One mail port of a service as the local stack publishes it: production port plus 10000, so the
 * stack runs without root and beside a real mail server.
 *
 * @param name            the listener's name as the services' configuration knows it (e.g. {@code submission})
 * @param protocol        what a client speaks there, for the banner
 * @param productionPort  the IANA port the production service listens on
 * @param tls             how TLS starts on it, named as the services' {@code TlsMode} names it
 */
public record MailListener(String name, String protocol, int productionPort, Tls tls) {

    /** The offset between production and local dev ports. */
    public static final int DEV_PORT_OFFSET = 10_000;

    public int devPort() {
        return productionPort + DEV_PORT_OFFSET;
    }

    /** How a connection on the port becomes encrypted. */
    public enum Tls {
        /** Plain text first, then STARTTLS (SMTP RFC 3207, IMAP RFC 9051 §6.2.1) or STLS (POP3 RFC 2595). */
        STARTTLS,
        /** TLS from the first byte (RFC 8314). */
        IMPLICIT
    }
}
