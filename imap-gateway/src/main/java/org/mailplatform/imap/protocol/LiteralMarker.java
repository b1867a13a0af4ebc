package org.mailplatform.imap.protocol;

/**
 * A literal announcement at the end of a line: {@code {n}}, {@code {n+}} (RFC 7888) or
 * {@code ~{n}} (literal8, RFC 3516). A size too large for a long reads as {@link Long#MAX_VALUE}.
 */
record LiteralMarker(long size, boolean nonSynchronizing, boolean binary) {

    /** The marker that ends {@code bytes[0..length)} (CR allowed after it), or null. */
    static LiteralMarker atEndOf(byte[] bytes, int length) {
        Scanner scanner = new Scanner();
        for (int i = 0; i < length; i++) {
            scanner.accept(bytes[i]);
        }
        return scanner.marker();
    }

    static long appendDigit(long value, int digit) {
        return value > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : value * 10 + digit;
    }

    /**
     * Recognizes a literal announcement at the end of a line streamed byte by byte, without
     * keeping the line: used while skipping a refused command whose tail may announce a
     * non-synchronizing literal the client sends without waiting.
     */
    static final class Scanner {

        private enum State { NONE, OPEN, DIGITS, PLUS, CLOSED, CLOSED_CR }

        private State state = State.NONE;
        private boolean previousWasTilde;
        private boolean binary;
        private boolean nonSynchronizing;
        private long value;

        void reset() {
            state = State.NONE;
            previousWasTilde = false;
        }

        void accept(byte b) {
            if (b == '{') {
                state = State.OPEN;
                binary = previousWasTilde;
                nonSynchronizing = false;
                value = 0;
            } else if (b >= '0' && b <= '9' && (state == State.OPEN || state == State.DIGITS)) {
                state = State.DIGITS;
                value = appendDigit(value, b - '0');
            } else if (b == '+' && state == State.DIGITS) {
                state = State.PLUS;
                nonSynchronizing = true;
            } else if (b == '}' && (state == State.DIGITS || state == State.PLUS)) {
                state = State.CLOSED;
            } else if (b == '\r' && state == State.CLOSED) {
                state = State.CLOSED_CR;
            } else {
                state = State.NONE;
            }
            previousWasTilde = b == '~';
        }

        LiteralMarker marker() {
            return state == State.CLOSED || state == State.CLOSED_CR
                    ? new LiteralMarker(value, nonSynchronizing, binary)
                    : null;
        }
    }
}
