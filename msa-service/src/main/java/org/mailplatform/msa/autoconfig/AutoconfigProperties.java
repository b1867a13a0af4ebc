package org.mailplatform.msa.autoconfig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.autoconfig.*}: the web listener from which mail clients set themselves up given
 * only an address (Thunderbird autoconfig, Microsoft Autodiscover POX, an Apple configuration profile).
 * The host names and ports are the public ones clients should use, which behind a load balancer are
 * not the ports this process listens on.
 *
 * @param enabled        whether the listener opens (off by default: it answers the public internet)
 * @param port           the listener's port: 443 in production, -1 switches it off, 0 takes a free one
 * @param bindAddress    the address it listens on
 * @param tls            HTTPS with the platform's certificate ({@code mailplatform.tls.*}); false serves plain
 *                       HTTP, for a Kubernetes Ingress or proxy that ends TLS in front of it
 * @param imapHost       the IMAP server clients are told; empty is {@code mailplatform.hostname}
 * @param pop3Host       the POP3 server clients are told; empty is {@code mailplatform.hostname}
 * @param smtpHost       the submission server clients are told; empty is {@code mailplatform.hostname}
 * @param ports          the public ports clients are told; 0 leaves that entry out
 * @param displayName    the provider's name in Thunderbird; empty is the domain
 * @param maxRequestSize the largest Autodiscover request body; a larger one gets 400
 * @param requestTimeout how long a client may take to send its request before the connection is closed
 */
@ConfigurationProperties(prefix = "mailplatform.autoconfig")
public record AutoconfigProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("443") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("true") boolean tls,
        @DefaultValue("") String imapHost,
        @DefaultValue("") String pop3Host,
        @DefaultValue("") String smtpHost,
        @DefaultValue Ports ports,
        @DefaultValue("") String displayName,
        @DefaultValue("16KB") DataSize maxRequestSize,
        @DefaultValue("10s") Duration requestTimeout) {

    /**
     * Public ports. Implicit TLS is listed first as RFC 8314 4.1 and 5.1 prefer it; the STARTTLS
     * ports follow for networks that block the implicit-TLS ones.
     */
    public record Ports(@DefaultValue("993") int imaps, @DefaultValue("143") int imap,
                        @DefaultValue("995") int pop3s, @DefaultValue("110") int pop3,
                        @DefaultValue("465") int submissions, @DefaultValue("587") int submission) {
    }
}
