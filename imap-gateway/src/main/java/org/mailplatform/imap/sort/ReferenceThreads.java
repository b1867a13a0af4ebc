package org.mailplatform.imap.sort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * THREAD REFERENCES (RFC 5256 4), the algorithm of Jamie Zawinski: link messages by Message-ID,
 * References and In-Reply-To, prune dummies, merge threads by base subject, sort siblings by sent
 * date. Every pass walks the trees with explicit stacks, so a deep thread cannot exhaust the call
 * stack. The work is bounded: at most {@link SortableMessages#MAX_REFERENCES} references per
 * message, and a loop check walks at most {@link #MAX_ANCESTOR_WALK} ancestors (a link whose
 * check would go further is not made, so such a message starts its own branch).
 */
final class ReferenceThreads {

    static final int MAX_ANCESTOR_WALK = 1000;

    private static final Comparator<ThreadNode> BY_SENT_DATE =
            Comparator.comparing(ThreadNode::sent).thenComparingInt(ThreadNode::sequence);

    private final Map<String, ThreadNode> byId = new HashMap<>();
    private final List<ThreadNode> containers = new ArrayList<>();

    private ReferenceThreads() {
    }

    static List<ThreadNode> of(List<SortableMessage> messages) {
        ReferenceThreads threads = new ReferenceThreads();
        for (SortableMessage m : messages) {
            threads.link(m);
        }
        List<ThreadNode> roots = new ArrayList<>();
        for (ThreadNode c : threads.containers) {
            if (c.parent == null) {
                roots.add(c);
            }
        }
        // Step 3: the id table is no longer needed.
        threads.byId.clear();
        roots = prune(roots);
        roots = mergeBySubject(roots);
        sortSiblings(roots);
        return roots;
    }

    /** Step 1: the message's container, its references chained parent to child, and its parent. */
    private void link(SortableMessage m) {
        ThreadNode container = null;
        if (m.messageId() != null) {
            container = byId.get(m.messageId());
            if (container == null) {
                container = newContainer(m);
                byId.put(m.messageId(), container);
            } else if (container.message == null) {
                container.message = m;
            } else {
                // 1A: a second message with the same Message-ID is threaded as if it had none.
                container = null;
            }
        }
        if (container == null) {
            container = newContainer(m);
        }
        // 1B: each reference the child of the one before, unless it has a parent or a loop would form.
        ThreadNode previous = null;
        for (String id : m.references()) {
            ThreadNode ref = byId.get(id);
            if (ref == null) {
                ref = newContainer(null);
                byId.put(id, ref);
            }
            if (previous != null && ref.parent == null && !wouldLoop(previous, ref)) {
                attach(previous, ref);
            }
            previous = ref;
        }
        // 1C: the last reference is the parent, replacing any parent set from other messages.
        if (container.parent != null) {
            container.parent.linked().remove(container);
            container.parent = null;
        }
        if (previous != null && !wouldLoop(previous, container)) {
            attach(previous, container);
        }
    }

    private ThreadNode newContainer(SortableMessage m) {
        ThreadNode c = new ThreadNode(m);
        containers.add(c);
        return c;
    }

    private static void attach(ThreadNode parent, ThreadNode child) {
        child.parent = parent;
        parent.linked().add(child);
    }

    /** Whether {@code child} is {@code parent} or one of its ancestors, so the link would close a loop. */
    private static boolean wouldLoop(ThreadNode parent, ThreadNode child) {
        if (parent == child) {
            return true;
        }
        if (child.linked == null || child.linked.isEmpty()) {
            return false;
        }
        ThreadNode n = parent;
        for (int steps = 0; n != null; steps++) {
            if (n == child || steps >= MAX_ANCESTOR_WALK) {
                return true;
            }
            n = n.parent;
        }
        return false;
    }

    /**
     * Step 4: dummies without children go; a dummy's children take its place, except that a dummy
     * at the root with more than one child stays. Children are processed before their parents.
     */
    private static List<ThreadNode> prune(List<ThreadNode> roots) {
        for (ThreadNode node : postOrder(roots, true)) {
            List<ThreadNode> kept = new ArrayList<>();
            if (node.linked != null) {
                for (ThreadNode child : node.linked) {
                    if (child.message != null) {
                        kept.add(child);
                    } else {
                        kept.addAll(child.children);
                    }
                }
            }
            node.children = kept;
            node.linked = null;
        }
        List<ThreadNode> result = new ArrayList<>();
        for (ThreadNode root : roots) {
            if (root.message != null || root.children.size() > 1) {
                result.add(root);
            } else {
                result.addAll(root.children);
            }
        }
        return result;
    }

    /** Step 5: threads whose roots share a base subject are gathered under one root. */
    private static List<ThreadNode> mergeBySubject(List<ThreadNode> roots) {
        Map<String, ThreadNode> bySubject = new HashMap<>();
        for (ThreadNode root : roots) {
            String subject = subjectKey(root);
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode existing = bySubject.get(subject);
            if (existing == null
                    || root.message == null && existing.message != null
                    || existing.message != null && existing.message.subject().replyOrForward()
                    && root.message != null && !root.message.subject().replyOrForward()) {
                bySubject.put(subject, root);
            }
        }
        Set<ThreadNode> result = new LinkedHashSet<>(roots);
        for (ThreadNode root : roots) {
            String subject = subjectKey(root);
            if (subject.isEmpty() || !result.contains(root)) {
                continue;
            }
            ThreadNode other = bySubject.get(subject);
            if (other == root) {
                continue;
            }
            result.remove(root);
            if (root.message == null && other.message == null) {
                other.children.addAll(root.children);
            } else if (other.message == null) {
                other.children.add(root);
            } else if (root.message != null && root.message.subject().replyOrForward()
                    && !other.message.subject().replyOrForward()) {
                other.children.add(root);
            } else {
                ThreadNode dummy = new ThreadNode(null);
                dummy.children.add(other);
                dummy.children.add(root);
                if (result.remove(other)) {
                    result.add(dummy);
                }
                bySubject.put(subject, dummy);
            }
        }
        return new ArrayList<>(result);
    }

    /** Step 5A: the root's base subject, or its first child's when the root is a dummy. */
    private static String subjectKey(ThreadNode root) {
        ThreadNode n = root.message != null || root.children.isEmpty() ? root : root.children.getFirst();
        return n.message == null ? "" : n.message.subjectKey();
    }

    /** Step 6: siblings by sent date, children before parents so a dummy sorts by its first child. */
    private static void sortSiblings(List<ThreadNode> roots) {
        for (ThreadNode node : postOrder(roots, false)) {
            node.children.sort(BY_SENT_DATE);
        }
        roots.sort(BY_SENT_DATE);
    }

    /** Every node under the roots, each after all its descendants; by the linking sets or the child lists. */
    private static List<ThreadNode> postOrder(List<ThreadNode> roots, boolean linking) {
        List<ThreadNode> order = new ArrayList<>();
        Deque<ThreadNode> stack = new ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            ThreadNode n = stack.pop();
            order.add(n);
            Iterable<ThreadNode> children = linking ? (n.linked == null ? List.of() : n.linked) : n.children;
            for (ThreadNode child : children) {
                stack.push(child);
            }
        }
        return order.reversed();
    }
}
