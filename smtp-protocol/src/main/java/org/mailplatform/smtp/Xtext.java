package org.mailplatform.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** xtext (RFC 3461 4): printable ASCII with '+' and '=' and controls written as "+HH". */
public final class Xtext {

    private Xtext() {
    }

    public static String decode(String xtext) throws SmtpSyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        int i = 0;
        while (i < xtext.length()) {
            int c = xtext.codePointAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw SmtpSyntaxException.badParameter("Truncated xtext escape");
                }
                int hi = upperHex(xtext.charAt(i + 1));
                int lo = upperHex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw SmtpSyntaxException.badParameter("Bad xtext escape");
                }
                out.write(hi << 4 | lo);
                i += 3;
                continue;
            }
            if (c >= 33 && c <= 126 && c != '=') {
                out.write(c);
            } else if (c > 127) {
                // RFC 6533 3: ORCPT may carry UTF-8 as is (utf-8-addr-xtext).
                byte[] b = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            } else {
                throw SmtpSyntaxException.badParameter("Bad character in xtext");
            }
            i += Character.charCount(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** RFC 3461 4: hexchar is "+" followed by two upper-case hexadecimal digits. */
    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 33 && c <= 126 && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
