package org.mailplatform.imap.sort;

import java.util.List;
import java.util.function.Function;

/** The THREAD algorithms this server implements (RFC 5256 4), advertised as THREAD=name. */
public enum ThreadAlgorithm {
    ORDEREDSUBJECT(OrderedSubjectThreads::of),
    REFERENCES(ReferenceThreads::of);

    private final Function<List<SortableMessage>, List<ThreadNode>> threads;

    ThreadAlgorithm(Function<List<SortableMessage>, List<ThreadNode>> threads) {
        this.threads = threads;
    }

    /** The thread roots in the order they are returned, for messages in mailbox order. */
    public List<ThreadNode> threads(List<SortableMessage> messages) {
        return threads.apply(messages);
    }

    /** Whether the algorithm reads Message-ID, In-Reply-To and References. */
    public boolean needsReferences() {
        return this == REFERENCES;
    }
}
