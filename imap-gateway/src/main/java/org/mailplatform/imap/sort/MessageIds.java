package org.mailplatform.imap.sort;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The msg-ids (RFC 5322 3.6.4) of Message-ID, In-Reply-To and References, for THREAD REFERENCES. */
final class MessageIds {

    private MessageIds() {
    }

    /** The last {@code max} bracketed ids of the value, in order, brackets and white space removed. */
    static List<String> last(String value, int max) {
        if (value == null || max <= 0) {
            return List.of();
        }
        Deque<String> ids = new ArrayDeque<>();
        int from = 0;
        while (true) {
            int open = value.indexOf('<', from);
            if (open < 0) {
                break;
            }
            int close = value.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            int nested = value.lastIndexOf('<', close);
            String id = strip(value.substring(nested + 1, close));
            if (!id.isEmpty()) {
                if (ids.size() == max) {
                    ids.removeFirst();
                }
                ids.addLast(id);
            }
            from = close + 1;
        }
        return new ArrayList<>(ids);
    }

    /** The first bracketed id of the value; null when there is none. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int from = 0;
        while (true) {
            int open = value.indexOf('<', from);
            int close = open < 0 ? -1 : value.indexOf('>', open + 1);
            if (close < 0) {
                return null;
            }
            String id = strip(value.substring(value.lastIndexOf('<', close) + 1, close));
            if (!id.isEmpty()) {
                return id;
            }
            from = close + 1;
        }
    }

    private static String strip(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
