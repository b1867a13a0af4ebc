package org.mailplatform.mta.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.mailplatform.smtp.SmtpReply;

/**
 * Reads SMTP replies (RFC 5321 4.2): "code-text" on every line but the last, "code text" (or
 * just "code") on the last, all with the same code. An enhanced status code (RFC 2034, RFC 3463)
 * at the start of the text is taken out of each line. Anything else is a protocol error, never
 * a guess: a reply decides whether mail is delivered, bounced or retried.
 */
final class ReplyReader {

    /** RFC 5321 4.5.3.1.5 allows 512 octets per reply line; generous room for real servers. */
    static final int MAX_LINE = 4096;
    /** A reply longer than this is not a reply. */
    static final int MAX_LINES = 200;

    private static final Pattern ENHANCED = Pattern.compile("[245]\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    private final InputStream in;

    ReplyReader(InputStream in) {
        this.in = in;
    }

    SmtpReply read() throws IOException {
        List<String> texts = new ArrayList<>();
        int code = -1;
        String enhanced = null;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !isDigit(line.charAt(0)) || !isDigit(line.charAt(1)) || !isDigit(line.charAt(2))) {
                throw new SmtpProtocolException("malformed reply line: " + clip(line));
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (lineCode < 200 || lineCode > 599) {
                throw new SmtpProtocolException("reply code out of range: " + clip(line));
            }
            if (code == -1) {
                code = lineCode;
            } else if (lineCode != code) {
                throw new SmtpProtocolException("reply code changed within a multi-line reply: " + clip(line));
            }
            char separator = line.length() > 3 ? line.charAt(3) : ' ';
            if (separator != ' ' && separator != '-') {
                throw new SmtpProtocolException("malformed reply line: " + clip(line));
            }
            String text = line.length() > 4 ? line.substring(4) : "";
            if (texts.isEmpty()) {
                enhanced = enhancedCode(text, code);
            }
            if (enhanced != null && text.startsWith(enhanced)) {
                text = text.substring(enhanced.length()).stripLeading();
            }
            texts.add(text);
            if (separator == ' ') {
                break;
            }
            if (texts.size() >= MAX_LINES) {
                throw new SmtpProtocolException("reply has more than " + MAX_LINES + " lines");
            }
        }
        return new SmtpReply(code, enhanced, texts);
    }

    /** RFC 3463 3.1 / RFC 2034 3: the code's class must be the reply's class. */
    private static String enhancedCode(String text, int code) {
        int end = text.indexOf(' ');
        String candidate = end < 0 ? text : text.substring(0, end);
        if (ENHANCED.matcher(candidate).matches() && candidate.charAt(0) - '0' == code / 100) {
            return candidate;
        }
        return null;
    }

    /** One line up to LF; a CR before it is dropped. A bare LF is tolerated from peers (RFC 5321 4.5.3 robustness). */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the peer");
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new SmtpProtocolException("reply line longer than " + MAX_LINE + " octets");
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        // RFC 6531 3.7.4: an SMTPUTF8 server may send UTF-8 in reply text.
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String clip(String line) {
        String printable = line.codePoints()
                .map(cp -> cp < 0x20 || cp == 0x7f ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
