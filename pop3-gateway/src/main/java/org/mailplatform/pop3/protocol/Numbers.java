package org.mailplatform.pop3.protocol;

/** The numeric arguments of RFC 1939: message numbers and the TOP line count. */
public final class Numbers {

    // RFC 1939 3: arguments are at most 40 characters; 9 digits stay inside an int.
    private static final int MAX_DIGITS = 9;

    private Numbers() {
    }

    /** A message number (RFC 1939 5: counting from 1). */
    public static int messageNumber(String text) throws Pop3Error {
        int n = nonNegative(text, "Invalid message number");
        if (n == 0) {
            throw new Pop3Error("Invalid message number");
        }
        return n;
    }

    /** RFC 1939 7 TOP: "n" must be a non-negative number. */
    public static int lineCount(String text) throws Pop3Error {
        return nonNegative(text, "Invalid number of lines");
    }

    private static int nonNegative(String text, String complaint) throws Pop3Error {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            throw new Pop3Error(complaint);
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new Pop3Error(complaint);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
