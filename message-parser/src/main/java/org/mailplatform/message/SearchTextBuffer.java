package org.mailplatform.message;

/** Collects search text up to a limit of chars; pieces are separated by a line break. */
final class SearchTextBuffer {

    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private boolean truncated;

    SearchTextBuffer(int limit) {
        this.limit = limit;
    }

    void append(String piece) {
        if (piece == null || piece.isBlank()) {
            return;
        }
        String trimmed = piece.strip();
        int separator = text.isEmpty() ? 0 : 1;
        int room = limit - text.length() - separator;
        if (room <= 0) {
            truncated = true;
            return;
        }
        if (separator == 1) {
            text.append('\n');
        }
        if (trimmed.length() > room) {
            int cut = room;
            // never leave half of a surrogate pair at the end
            if (Character.isHighSurrogate(trimmed.charAt(cut - 1))) {
                cut--;
            }
            text.append(trimmed, 0, cut);
            truncated = true;
        } else {
            text.append(trimmed);
        }
    }

    /** Chars that still fit. */
    int remaining() {
        return Math.max(0, limit - text.length());
    }

    boolean full() {
        return remaining() == 0 || truncated;
    }

    boolean truncated() {
        return truncated;
    }

    String text() {
        return text.toString();
    }
}
