package org.mailplatform.kernel.support;

import java.util.concurrent.ThreadLocalRandom;

/** Short random connection ids for logs: 12 characters of a lowercase base-32 alphabet (60 bits). */
public final class SessionIds {

    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private SessionIds() {
    }

    public static String next() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] id = new char[12];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[(int) (bits & 31)];
            bits >>>= 5;
        }
        return new String(id);
    }
}
