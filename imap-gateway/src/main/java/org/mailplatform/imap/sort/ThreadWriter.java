package org.mailplatform.imap.sort;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.ToLongFunction;

import org.mailplatform.imap.protocol.ImapResponseWriter;

/**
 * Writes threads as RFC 5256 5 {@code thread-list}s: a chain of single replies is a run of numbers
 * ({@code (1 2 3)}), two or more replies are nested lists that follow each other without a space
 * ({@code (1 (2)(3))}), a dummy has no number ({@code ((2)(3))}). Iterative, so a deep thread
 * cannot exhaust the call stack.
 */
public final class ThreadWriter {

    private ThreadWriter() {
    }

    public static void write(ImapResponseWriter.Line line, List<ThreadNode> roots, ToLongFunction<SortableMessage> number) {
        boolean first = true;
        for (ThreadNode root : roots) {
            if (!first) {
                line.adjacent();
            }
            first = false;
            writeThread(line, root, number);
        }
    }

    private static final class Branches {
        final Iterator<ThreadNode> rest;
        boolean started;

        Branches(Iterator<ThreadNode> rest) {
            this.rest = rest;
        }
    }

    private static void writeThread(ImapResponseWriter.Line line, ThreadNode root, ToLongFunction<SortableMessage> number) {
        Deque<Branches> open = new ArrayDeque<>();
        line.openList();
        ThreadNode node = root;
        while (true) {
            while (true) {
                if (node.message != null) {
                    line.number(number.applyAsLong(node.message));
                }
                if (node.children.size() != 1) {
                    break;
                }
                node = node.children.getFirst();
            }
            if (node.children.isEmpty()) {
                line.closeList();
            } else {
                open.push(new Branches(node.children.iterator()));
            }
            while (!open.isEmpty() && !open.peek().rest.hasNext()) {
                open.pop();
                line.closeList();
            }
            if (open.isEmpty()) {
                return;
            }
            Branches branches = open.peek();
            if (branches.started) {
                line.adjacent();
            }
            branches.started = true;
            line.openList();
            node = branches.rest.next();
        }
    }
}
