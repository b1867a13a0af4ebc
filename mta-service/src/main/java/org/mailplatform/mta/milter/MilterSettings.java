package org.mailplatform.mta.milter;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * One milter and how far it is trusted to answer.
 *
 * @param name           for logs and metrics
 * @param address        where it listens (TCP)
 * @param connectTimeout Postfix milter_connect_timeout
 * @param commandTimeout each reply before the message content (Postfix milter_command_timeout)
 * @param contentTimeout each body chunk's reply and the end-of-message verdict (Postfix milter_content_timeout)
 * @param defaultAction  what happens when the milter can't be used (Postfix milter_default_action)
 */
public record MilterSettings(String name, InetSocketAddress address, Duration connectTimeout, Duration commandTimeout,
                             Duration contentTimeout, DefaultAction defaultAction) {

    /** Postfix's milter_default_action values this client supports. */
    public enum DefaultAction {
        /** Fail open: go on as if the milter had accepted the message. */
        ACCEPT,
        /** Fail closed, temporarily: 451 4.7.1, the client retries later. */
        TEMPFAIL,
        /** Fail closed: 550 5.7.1. */
        REJECT
    }

    public MilterSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(contentTimeout, "contentTimeout");
        Objects.requireNonNull(defaultAction, "defaultAction");
    }
}
