package org.mailplatform.mda.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mailplatform.store.trace.MessageEvent;

/**
 * The answer of {@code GET /api/v1/trace}: the events found, grouped per message (queue id) in
 * the order of each message's first event, each message's events in time order.
 *
 * @param truncated true when more events matched than one answer holds
 */
public record TraceView(List<Message> messages, boolean truncated) {

    /** @param messageId the Message-ID field's value, where a service recorded it */
    public record Message(String queueId, String messageId, List<Event> events) {
    }

    public record Event(Instant at, String kind, String service, String recipient, Map<String, Object> detail) {
    }

    static TraceView of(List<MessageEvent> events, int limit) {
        Map<String, List<MessageEvent>> byQueue = new LinkedHashMap<>();
        events.stream()
                .sorted((a, b) -> a.at().compareTo(b.at()))
                .forEach(e -> byQueue.computeIfAbsent(e.queueId(), q -> new ArrayList<>()).add(e));
        List<Message> messages = byQueue.entrySet().stream()
                .map(entry -> new Message(entry.getKey(),
                        entry.getValue().stream().map(MessageEvent::messageId).filter(Objects::nonNull).findFirst().orElse(null),
                        entry.getValue().stream().map(e -> new Event(e.at(), e.kind().label(), e.service(), e.recipient(),
                                e.detail())).toList()))
                .toList();
        return new TraceView(messages, events.size() >= limit);
    }
}
