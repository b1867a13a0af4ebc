package org.mailplatform.msa;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ListenerProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.msa.*}: the submission service.
 *
 * @param listeners          name → port and TLS mode; defaults: submission 587 STARTTLS, submissions 465
 *                           implicit TLS (RFC 8314 3.3), submission-alt 2525 STARTTLS
 * @param allowPlaintextAuth AUTH before TLS; local development only
 * @param rateLimit          messages per minute an account, and a client address, may submit
 */
@ConfigurationProperties(prefix = "mailplatform.msa")
public record MsaProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        Map<String, ListenerProperties> listeners,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue RateLimit rateLimit) {

    public MsaProperties {
        if (listeners == null || listeners.isEmpty()) {
            listeners = new LinkedHashMap<>();
            listeners.put("submission", new ListenerProperties(587, TlsMode.STARTTLS));
            listeners.put("submissions", new ListenerProperties(465, TlsMode.IMPLICIT));
            listeners.put("submission-alt", new ListenerProperties(2525, TlsMode.STARTTLS));
        }
    }

    public record RateLimit(@DefaultValue("60") int perAccountPerMinute, @DefaultValue("120") int perAddressPerMinute) {
    }
}
