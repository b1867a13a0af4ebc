package org.mailplatform.msa;

import java.time.Duration;

import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ServiceListeners;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.msa.*}: the submission service. Its mail listeners are {@link #LISTENERS}.
 *
 * @param allowPlaintextAuth AUTH before TLS; local development only
 * @param rateLimit          messages per minute an account, and a client address, may submit; recipients per
 *                           hour an account may address
 * @param forbidUnauthPipelining         554 5.5.0 and close for commands sent ahead of the reply without PIPELINING
 *                                       (RFC 2920 3.1) or before the greeting
 * @param greetingDelay                  wait before the greeting, so that a client talking first shows itself
 * @param maxErrors                      error replies before 421 and close
 * @param maxCommandsBeforeAuth          commands before a successful AUTH, then 421 and close; 0 is no limit
 * @param maxJunkCommands                NOOP, RSET, VRFY, EXPN and HELP between accepted messages, then 421 and close
 *                                       (as Postfix's smtpd_junk_command_limit); 0 is no limit
 */
@ConfigurationProperties(prefix = "mailplatform.msa")
public record MsaProperties(
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("true") boolean forbidUnauthPipelining,
        @DefaultValue("0s") Duration greetingDelay,
        @DefaultValue("20") int maxErrors,
        @DefaultValue("20") int maxCommandsBeforeAuth,
        @DefaultValue("100") int maxJunkCommands) {

    /**
     * {@code mailplatform.msa.listeners.<name>.port|tls}, each property defaulting on its own:
     * submission 587 STARTTLS (RFC 6409), submissions 465 implicit TLS (RFC 8314 3.3), submission-alt
     * 2525 STARTTLS.
     */
    public static final ServiceListeners LISTENERS = ServiceListeners.under("mailplatform.msa")
            .listener("submission", 587, TlsMode.STARTTLS)
            .listener("submissions", 465, TlsMode.IMPLICIT)
            .listener("submission-alt", 2525, TlsMode.STARTTLS);

    public record RateLimit(@DefaultValue("60") int perAccountPerMinute, @DefaultValue("120") int perAddressPerMinute,
                            @DefaultValue("1000") int recipientsPerAccountPerHour) {
    }
}
