package org.mailplatform.message;

/** RFC 5322 3.6.4 msg-id: {@code "<" id-left "@" id-right ">"}. */
final class MessageIds {

    private MessageIds() {
    }

    /** The first bracketed id of the value with its brackets, else the trimmed value; null when empty. */
    static String first(String value) {
        if (value == null) {
            return null;
        }
        int open = value.indexOf('<');
        int close = open < 0 ? -1 : value.indexOf('>', open);
        String id = close > open + 1 ? value.substring(open, close + 1).replaceAll("\\s+", "") : value.strip();
        return id.isEmpty() ? null : id;
    }
}
