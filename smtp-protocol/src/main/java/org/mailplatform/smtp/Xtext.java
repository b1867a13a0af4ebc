package org.mailplatform.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The encodings of ESMTP parameter values: xtext (RFC 3461 4) for ENVID, ORCPT and AUTH, and the
 * unitext of UTF-8 addresses in ORCPT (RFC 6533 3).
 */
public final class Xtext {

    private Xtext() {
    }

    /**
     * RFC 3461 4: xtext is xchar (ASCII 33-126 except '+' and '=') and hexchar ('+' and two upper-case
     * hexadecimal digits), and stands for US-ASCII text only.
     */
    public static String decode(String xtext) throws SmtpSyntaxException {
        StringBuilder out = new StringBuilder(xtext.length());
        int i = 0;
        while (i < xtext.length()) {
            char c = xtext.charAt(i);
            if (c == '+') {
                int octet = hexchar(xtext, i);
                if (octet > 0x7f) {
                    throw SmtpSyntaxException.badParameter("xtext encodes US-ASCII only");
                }
                out.append((char) octet);
                i += 3;
            } else if (isXchar(c)) {
                out.append(c);
                i++;
            } else {
                throw SmtpSyntaxException.badParameter("Bad character in xtext");
            }
        }
        return out.toString();
    }

    /**
     * xtext whose octets may also be UTF-8, written as is or as hexchars: what RFC 6531 3.3 lets an
     * esmtp-value carry in an SMTPUTF8 session (the AUTH parameter of a UTF-8 sender).
     */
    public static String decodeUtf8(String xtext) throws SmtpSyntaxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        int i = 0;
        while (i < xtext.length()) {
            int c = xtext.codePointAt(i);
            if (c == '+') {
                out.write(hexchar(xtext, i));
                i += 3;
            } else if (c > 0x7f || c <= 0x7f && isXchar((char) c)) {
                byte[] b = Character.toString(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(c);
            } else {
                throw SmtpSyntaxException.badParameter("Bad character in xtext");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SmtpSyntaxException.badParameter("xtext does not decode to UTF-8");
        }
    }

    /**
     * RFC 6533 3: the address of ORCPT with addr-type utf-8, as utf-8-addr-xtext or utf-8-addr-unitext:
     * QCHAR (printable ASCII but '+', '=' and '\'), UTF-8 beyond ASCII, and {@code \x{HEXPOINT}} for a
     * code point outside ASCII or for SP, '+', '=', '\' and the controls.
     */
    public static String decodeUtf8Address(String text) throws SmtpSyntaxException {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '\\') {
                int close = text.indexOf('}', i);
                if (!text.startsWith("\\x{", i) || close < 0) {
                    throw SmtpSyntaxException.badParameter("Bad \\x{...} escape in ORCPT");
                }
                out.appendCodePoint(hexpoint(text.substring(i + 3, close)));
                i = close + 1;
            } else if (c > 0x7f || c >= 0x21 && c <= 0x7e && c != '+' && c != '=') {
                out.appendCodePoint(c);
                i += Character.charCount(c);
            } else {
                throw SmtpSyntaxException.badParameter("Bad character in ORCPT");
            }
        }
        return out.toString();
    }

    /**
     * RFC 6533 3 utf-8-addr-xtext: the address of an ORCPT with addr-type utf-8 as it is sent, QCHAR as
     * is and every other character as {@code \x{HEXPOINT}}. The "+HH" of plain xtext is not allowed
     * there, so a receiver that follows RFC 6533 would refuse {@link #encode}'s form.
     */
    public static String encodeUtf8Address(String address) {
        StringBuilder sb = new StringBuilder(address.length());
        address.codePoints().forEach(c -> {
            boolean qchar = c >= 0x21 && c <= 0x7e && c != '+' && c != '=' && c != '\\';
            if (qchar) {
                sb.append((char) c);
            } else {
                sb.append("\\x{").append(String.format(Locale.ROOT, "%02X", c)).append('}');
            }
        });
        return sb.toString();
    }

    /**
     * RFC 3461 4.2 and 4.4: a decoded ENVID or ORCPT consists of printable (graphic and white space)
     * US-ASCII: it is written into DSN fields, where a CR, LF or other control would forge or break lines.
     */
    public static boolean isPrintableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    /** Like {@link #isPrintableAscii}, with UTF-8 beyond ASCII (RFC 6533 3) but no C1 controls either. */
    public static boolean isPrintableUnicode(String text) {
        return text.codePoints().allMatch(c -> c >= 0x20 && c <= 0x7e || c >= 0xa0);
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

    private static boolean isXchar(char c) {
        return c >= 33 && c <= 126 && c != '+' && c != '=';
    }

    /** RFC 3461 4: hexchar is "+" followed by two upper-case hexadecimal digits. */
    private static int hexchar(String xtext, int plus) throws SmtpSyntaxException {
        if (plus + 2 >= xtext.length()) {
            throw SmtpSyntaxException.badParameter("Truncated xtext escape");
        }
        int hi = upperHex(xtext.charAt(plus + 1));
        int lo = upperHex(xtext.charAt(plus + 2));
        if (hi < 0 || lo < 0) {
            throw SmtpSyntaxException.badParameter("Bad xtext escape");
        }
        return hi << 4 | lo;
    }

    private static int upperHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * RFC 6533 3 HEXPOINT: 2 to 6 hexadecimal digits naming a Unicode scalar value; within ASCII only the
     * characters QCHAR leaves out may be escaped.
     */
    private static int hexpoint(String digits) throws SmtpSyntaxException {
        if (digits.length() < 2 || digits.length() > 6 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw SmtpSyntaxException.badParameter("Bad \\x{...} escape in ORCPT");
        }
        int cp = Integer.parseInt(digits, 16);
        boolean asciiSpecial = cp <= 0x20 || cp == '+' || cp == '=' || cp == '\\' || cp == 0x7f;
        boolean beyondAscii = cp >= 0x80 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
        if (!asciiSpecial && !beyondAscii) {
            throw SmtpSyntaxException.badParameter("Bad \\x{...} escape in ORCPT");
        }
        return cp;
    }
}
