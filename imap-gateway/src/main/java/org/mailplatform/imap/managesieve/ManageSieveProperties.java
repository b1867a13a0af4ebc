package org.mailplatform.imap.managesieve;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code mailplatform.managesieve.*}: ManageSieve (RFC 5804) in the IMAP gateway. Its listener is
 * {@code mailplatform.imap.listeners.sieve} (see {@code ImapProperties.LISTENERS}), bound to the IMAP
 * listeners' address; the script size and count limits are {@code mailplatform.sieve.*}, shared with
 * the admin API.
 *
 * @param allowPlaintextAuth     AUTHENTICATE before STARTTLS; local development only
 *                               ({@code mailplatform.local-dev=true} has the same effect)
 * @param idleTimeout            autologout once authenticated
 * @param preAuthIdleTimeout     autologout before authentication
 * @param maxLineLength          longest line outside literals
 * @param maxPreAuthLiteral      largest literal before authentication
 * @param maxAuthFailures        failed AUTHENTICATEs on one connection before BYE
 * @param maxCommandsBeforeLogin commands before authentication before BYE
 * @param maxBadCommands         unknown or malformed commands on one connection before BYE
 */
@ConfigurationProperties(prefix = "mailplatform.managesieve")
public record ManageSieveProperties(
        @DefaultValue("false") boolean allowPlaintextAuth,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("2m") Duration preAuthIdleTimeout,
        @DefaultValue("8KB") DataSize maxLineLength,
        @DefaultValue("8KB") DataSize maxPreAuthLiteral,
        @DefaultValue("3") int maxAuthFailures,
        @DefaultValue("50") int maxCommandsBeforeLogin,
        @DefaultValue("10") int maxBadCommands) {
}
