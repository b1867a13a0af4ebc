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
 * @param rateLimit          messages per minute an account, and a client address, may submit; recipients per
 *                           hour an account may address
 * @param forbidUnauthPipelining         554 5.5.0 and close for commands sent ahead of the reply without PIPELINING
 *                                       (RFC 2920 3.1) or before the greeting
 * @param greetingDelay                  wait before the greeting, so that a client talking first shows itself
 * @param maxErrors                      error replies before 421 and close
 * @param maxCommandsBeforeAuth          commands before a successful AUTH, then 421 and close; 0 is no limit
 */
@ConfigurationProperties(prefix = "mailplatform.msa")
public record MsaProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        Map<String, ListenerProperties> listeners,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("true") boolean forbidUnauthPipelining,
        @DefaultValue("0s") Duration greetingDelay,
        @DefaultValue("20") int maxErrors,
        @DefaultValue("20") int maxCommandsBeforeAuth) {

    public MsaProperties {
        if (listeners == null || listeners.isEmpty()) {
            listeners = new LinkedHashMap<>();
            listeners.put("submission", new ListenerProperties(587, TlsMode.STARTTLS));
            listeners.put("submissions", new ListenerProperties(465, TlsMode.IMPLICIT));
            listeners.put("submission-alt", new ListenerProperties(2525, TlsMode.STARTTLS));
        }
    }

    public record RateLimit(@DefaultValue("60") int perAccountPerMinute, @DefaultValue("120") int perAddressPerMinute,
                            @DefaultValue("1000") int recipientsPerAccountPerHour) {
    }
}
