package org.mailplatform.store.trace;

import java.util.List;

/**
 * Where the services write their trace events. Recording never blocks and never throws: the trace
 * is for operators, and a message must go through whether or not its trace could be written.
 */
public interface MessageEventLog {

    /** For code run without a trace, e.g. a unit under test. */
    MessageEventLog NONE = events -> {
    };

    void record(List<MessageEvent> events);

    default void record(MessageEvent event) {
        record(List.of(event));
    }
}
