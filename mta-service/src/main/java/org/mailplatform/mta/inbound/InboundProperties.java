package org.mailplatform.mta.inbound;

import java.time.Duration;

import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ServiceListeners;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.mta.inbound.*}: the port 25 service that takes mail for our domains. Its mail
 * listeners are {@link #LISTENERS}.
 *
 * @param maxReceivedFields  more Received fields than this is a loop (RFC 5321 6.3 asks to allow at least 100)
 * @param postmaster         where a bare {@code RCPT TO:<Postmaster>} goes (RFC 5321 4.5.1); empty refuses it
 * @param forbidUnauthPipelining 554 5.5.0 and close for commands sent ahead of the reply without PIPELINING
 *                               (RFC 2920 3.1) or before the greeting
 * @param greetingDelay          wait before the greeting, so that a client talking first shows itself
 * @param maxErrors              error replies before 421 and close
 */
@ConfigurationProperties(prefix = "mailplatform.mta.inbound")
public record InboundProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("1000") int maxRecipients,
        @DefaultValue("100") int maxReceivedFields,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("") String postmaster,
        @DefaultValue("true") boolean forbidUnauthPipelining,
        @DefaultValue("0s") Duration greetingDelay,
        @DefaultValue("20") int maxErrors) {

    /**
     * {@code mailplatform.mta.inbound.listeners.<name>.port|tls}, each property defaulting on its own:
     * smtp 25 with STARTTLS offered (RFC 3207).
     */
    public static final ServiceListeners LISTENERS = ServiceListeners.under("mailplatform.mta.inbound")
            .listener("smtp", 25, TlsMode.STARTTLS);
}
