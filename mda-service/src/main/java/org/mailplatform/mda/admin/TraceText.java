package org.mailplatform.mda.admin;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** A trace as lines for a terminal: one block per message, one line per event. */
final class TraceText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private TraceText() {
    }

    static String render(TraceView trace) {
        if (trace.messages().isEmpty()) {
            return "no message found\n";
        }
        StringBuilder out = new StringBuilder();
        for (TraceView.Message message : trace.messages()) {
            out.append("queue id ").append(message.queueId());
            if (message.messageId() != null) {
                out.append("  message-id ").append(message.messageId());
            }
            out.append('\n');
            for (TraceView.Event event : message.events()) {
                out.append("  ").append(TIME.format(event.at()))
                        .append("  ").append(pad(event.kind(), 13))
                        .append(' ').append(pad(event.service(), 4));
                if (event.recipient() != null) {
                    out.append("  <").append(event.recipient()).append('>');
                }
                out.append(details(event.detail())).append('\n');
            }
        }
        if (trace.truncated()) {
            out.append("(more events matched; narrow the search)\n");
        }
        return out.toString();
    }

    private static String details(Map<String, Object> detail) {
        if (detail.isEmpty()) {
            return "";
        }
        // One line per event: a remote reply's line breaks would break the layout.
        return detail.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.valueOf(e.getValue()).replaceAll("[\\r\\n\\t]+", " "))
                .collect(Collectors.joining(" ", "  ", ""));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
