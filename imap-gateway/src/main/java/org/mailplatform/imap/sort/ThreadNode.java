package org.mailplatform.imap.sort;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of a thread tree: a message, or a dummy standing for a message that is referenced but
 * not among those threaded (RFC 5256 4).
 */
public final class ThreadNode {

    /** Null for a dummy; REFERENCES fills a dummy in when the referenced message turns up. */
    SortableMessage message;
    List<ThreadNode> children = new ArrayList<>();

    /** Used while REFERENCES links containers: the parent, and the children in a set so relinking is O(1). */
    ThreadNode parent;
    Set<ThreadNode> linked;

    ThreadNode(SortableMessage message) {
        this.message = message;
    }

    public SortableMessage message() {
        return message;
    }

    public boolean dummy() {
        return message == null;
    }

    public List<ThreadNode> children() {
        return children;
    }

    Set<ThreadNode> linked() {
        if (linked == null) {
            linked = new LinkedHashSet<>();
        }
        return linked;
    }

    /** RFC 5256 4 REFERENCES step 6: a dummy sorts by its first child (children sorted first). */
    Instant sent() {
        ThreadNode n = this;
        while (n.message == null && !n.children.isEmpty()) {
            n = n.children.getFirst();
        }
        return n.message == null ? Instant.MIN : n.message.sent();
    }

    int sequence() {
        ThreadNode n = this;
        while (n.message == null && !n.children.isEmpty()) {
            n = n.children.getFirst();
        }
        return n.message == null ? 0 : n.message.sequence();
    }
}
