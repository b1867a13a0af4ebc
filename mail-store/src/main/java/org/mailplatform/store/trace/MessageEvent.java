package org.mailplatform.store.trace;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a message's trace.
 *
 * @param queueId   the queue id the message has on this platform (DSNs have their own)
 * @param messageId the Message-ID field's value where the service knows it, else null
 * @param recipient the envelope recipient the event is about, or null when it is about the whole message
 * @param service   the service that saw it: msa, mta, mda
 * @param detail    what the kind knows, e.g. the remote host and its reply; values are strings or numbers
 */
public record MessageEvent(String queueId, String messageId, String recipient, MessageEventKind kind, Instant at,
                           String service, Map<String, Object> detail) {

    public MessageEvent {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(service, "service");
        // What the table cannot hold is left out rather than losing the event.
        messageId = messageId == null || messageId.isBlank() || messageId.length() > 998 ? null : bracketed(messageId);
        recipient = recipient == null || recipient.length() > 600 ? null : recipient;
        detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** A msg-id as the field writes it, in angle brackets (RFC 5322 3.6.4), whichever way it was given. */
    public static String bracketed(String messageId) {
        String bare = messageId.strip();
        if (bare.startsWith("<") && bare.endsWith(">")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return "<" + bare + ">";
    }

    /** Starts an event; {@link Builder#put} leaves out null values, so a detail holds only what is known. */
    public static Builder of(MessageEventKind kind, String queueId, String service, Instant at) {
        return new Builder(kind, queueId, service, at);
    }

    public static final class Builder {
        private final MessageEventKind kind;
        private final String queueId;
        private final String service;
        private final Instant at;
        private final Map<String, Object> detail = new LinkedHashMap<>();
        private String messageId;
        private String recipient;

        private Builder(MessageEventKind kind, String queueId, String service, Instant at) {
            this.kind = kind;
            this.queueId = queueId;
            this.service = service;
            this.at = at;
        }

        public MessageEventKind kind() {
            return kind;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder recipient(String value) {
            recipient = value;
            return this;
        }

        public Builder put(String key, Object value) {
            if (value != null) {
                detail.put(key, value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
            return this;
        }

        public MessageEvent build() {
            return new MessageEvent(queueId, messageId, recipient, kind, at, service, detail);
        }
    }
}
