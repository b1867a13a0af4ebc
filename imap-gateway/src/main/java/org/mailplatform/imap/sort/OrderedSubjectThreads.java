package org.mailplatform.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * THREAD ORDEREDSUBJECT (RFC 5256 4): messages sorted by base subject, then sent date; each run
 * of one subject is a thread whose first message is the parent of all the others; threads in
 * the order of their first messages' sent dates.
 */
final class OrderedSubjectThreads {

    private OrderedSubjectThreads() {
    }

    static List<ThreadNode> of(List<SortableMessage> messages) {
        List<SortableMessage> sorted = new ArrayList<>(messages);
        sorted.sort(Comparator.comparing(SortableMessage::subjectKey, Collation::compare)
                .thenComparing(SortableMessage::sent)
                .thenComparingInt(SortableMessage::sequence));
        List<ThreadNode> roots = new ArrayList<>();
        ThreadNode root = null;
        for (SortableMessage m : sorted) {
            if (root != null && root.message.subjectKey().equals(m.subjectKey())) {
                root.children.add(new ThreadNode(m));
            } else {
                root = new ThreadNode(m);
                roots.add(root);
            }
        }
        roots.sort(Comparator.comparing((ThreadNode n) -> n.message.sent()).thenComparingInt(n -> n.message.sequence()));
        return roots;
    }
}
