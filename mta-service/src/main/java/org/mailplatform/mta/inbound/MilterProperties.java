package org.mailplatform.mta.inbound;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.mailplatform.mta.milter.MilterSettings;
import org.mailplatform.mta.milter.MilterSettings.DefaultAction;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mailplatform.mta.milter.*}: the milters port 25 asks at end of DATA, Postfix's
 * smtpd_milters with its milter_* defaults. Empty by default: no milter is asked.
 *
 * @param milters        in the order asked; each {@code address} is {@code host:port} (an
 *                       {@code inet:} prefix, as Postfix writes it, is allowed)
 * @param connectTimeout milter_connect_timeout
 * @param commandTimeout milter_command_timeout
 * @param contentTimeout milter_content_timeout: body chunks and the end-of-message verdict
 * @param defaultAction  milter_default_action: {@code tempfail} (fail closed, 451 4.7.1),
 *                       {@code accept} (fail open) or {@code reject}
 * @param junkHeaders    a field a milter adds or changes to one of these {@code Name: value} (value
 *                       compared case-insensitively, as a prefix) files the message as junk
 */
@ConfigurationProperties(prefix = "mailplatform.mta.milter")
public record MilterProperties(
        @DefaultValue List<Milter> milters,
        @DefaultValue("30s") Duration connectTimeout,
        @DefaultValue("30s") Duration commandTimeout,
        @DefaultValue("300s") Duration contentTimeout,
        @DefaultValue("tempfail") DefaultAction defaultAction,
        @DefaultValue({"X-Spam: yes", "X-Spam-Flag: yes"}) List<String> junkHeaders) {

    /** One milter; unset timeouts and default action come from the shared settings. */
    public record Milter(String name, String address, Duration connectTimeout, Duration commandTimeout,
                         Duration contentTimeout, DefaultAction defaultAction) {
    }

    /** @throws IllegalArgumentException naming the milter whose settings are unusable */
    public List<MilterSettings> settings() {
        return milters.stream().map(this::settings).toList();
    }

    private MilterSettings settings(Milter m) {
        if (m.address() == null || m.address().isBlank()) {
            throw new IllegalArgumentException("mailplatform.mta.milter.milters: a milter needs an address");
        }
        InetSocketAddress address = address(m.address().strip());
        String name = m.name() == null || m.name().isBlank() ? m.address().strip() : m.name().strip();
        return new MilterSettings(name, address, orElse(m.connectTimeout(), connectTimeout),
                orElse(m.commandTimeout(), commandTimeout), orElse(m.contentTimeout(), contentTimeout),
                m.defaultAction() == null ? defaultAction : m.defaultAction());
    }

    /** {@code host:port}, {@code [v6]:port} or Postfix's {@code inet:host:port}; resolved when used. */
    static InetSocketAddress address(String text) {
        String rest = text.startsWith("inet:") ? text.substring(5) : text;
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("milter address must be host:port, got " + text);
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("milter address must end in a port number, got " + text);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("milter port out of range in " + text);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static Duration orElse(Duration value, Duration fallback) {
        return value == null ? fallback : value;
    }
}
