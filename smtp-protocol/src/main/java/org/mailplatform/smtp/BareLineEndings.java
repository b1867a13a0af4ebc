package org.mailplatform.smtp;

/** Finds a CR not followed by LF, or an LF not preceded by CR (RFC 5321 2.3.8). */
final class BareLineEndings {

    private BareLineEndings() {
    }

    static boolean present(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n')) {
                return true;
            }
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                return true;
            }
        }
        return false;
    }
}
