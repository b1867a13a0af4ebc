package org.mailplatform.msgauth.srs.autoconfigure;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Sender Rewriting Scheme ({@code mailplatform.srs.*}); the MDA rewrites with them,
 * the MTA reverses with them, so both must have the same values.
 *
 * @param enabled whether forwards are rewritten and SRS addresses on port 25 are reversed
 * @param secrets HMAC keys: the first signs, all verify (add the new one in front, drop the old one
 *                once {@code maxAge} has passed). Required when enabled.
 * @param maxAge  how long a bounce to a rewritten address is accepted, in whole days
 * @param domain  the domain rewritten addresses are in; empty for the domain of the alias that
 *                forwarded (it must be a domain this platform receives mail for)
 */
@ConfigurationProperties("mailplatform.srs")
public record SrsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> secrets,
        @DefaultValue("21d") Duration maxAge,
        String domain) {

    public SrsProperties {
        secrets = secrets == null ? List.of() : secrets.stream().filter(s -> s != null && !s.isBlank()).toList();
        if (enabled && secrets.isEmpty()) {
            throw new IllegalArgumentException("mailplatform.srs.secrets is empty: forwarded mail needs a secret to "
                    + "sign its rewritten sender (e.g. openssl rand -hex 32), or set mailplatform.srs.enabled=false");
        }
        domain = domain == null || domain.isBlank() ? null : domain.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
