package org.mailplatform.imap.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;

/**
 * Encodes server responses (RFC 9051 7, RFC 3501 7) into a byte buffer the network layer sends.
 * Strings take the lightest form that carries them intact: an atom where an astring allows it,
 * a quoted string when it has no CR, LF, control or (unless UTF-8 is enabled) 8-bit
 * characters, a literal otherwise (RFC 9051 4.3). Not thread-safe: one per connection.
 *
 * <pre>{@code
 * out.untagged().number(12).atom("EXISTS").end();
 * out.untagged().atom("LIST").openList().atom("\\HasNoChildren").closeList().string("/").mailbox("Entwürfe").end();
 * out.tagged("A1", ImapStatus.OK, ResponseCode.READ_WRITE, "SELECT completed");
 * }</pre>
 */
public final class ImapResponseWriter {

    private static final byte[] CRLF = {'\r', '\n'};

    private byte[] buffer = new byte[512];
    private int size;
    private boolean utf8;
    private final Line line = new Line();

    /** After ENABLE UTF8=ACCEPT or IMAP4rev2: UTF-8 in quoted strings and mailbox names (RFC 6855 3). */
    public void enableUtf8() {
        utf8 = true;
    }

    public boolean utf8Enabled() {
        return utf8;
    }

    /** {@code tag status [code] text}: the command's completion (RFC 9051 7.1). */
    public ImapResponseWriter tagged(String tag, ImapStatus status, ResponseCode code, String text) {
        if (tag == null || tag.isEmpty() || !tag.chars().allMatch(ImapStrings::isTagChar)) {
            throw new IllegalArgumentException("Invalid tag");
        }
        if (status == ImapStatus.BYE || status == ImapStatus.PREAUTH) {
            throw new IllegalArgumentException(status + " is never tagged");
        }
        ascii(tag);
        statusRest(status, code, text);
        return this;
    }

    /** {@code * status [code] text}: untagged OK, NO, BAD, PREAUTH or BYE (RFC 9051 7.1). */
    public ImapResponseWriter untagged(ImapStatus status, ResponseCode code, String text) {
        put((byte) '*');
        statusRest(status, code, text);
        return this;
    }

    /** {@code + text}: command continuation request (RFC 9051 7.5); empty text is allowed. */
    public ImapResponseWriter continuation(String text) {
        put((byte) '+');
        put((byte) ' ');
        ascii(sanitize(text == null ? "" : text));
        put(CRLF);
        return this;
    }

    /** Starts an untagged data response {@code * ...}; finish it with {@link Line#end()}. */
    public Line untagged() {
        line.begin();
        return line;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, size);
    }

    /** Empties the buffer, e.g. after {@link #writeTo}. */
    public void clear() {
        size = 0;
        if (buffer.length > 64 * 1024) {
            buffer = new byte[512];
        }
    }

    /** The encoded bytes, leaving the buffer empty. */
    public byte[] drain() {
        byte[] result = toByteArray();
        clear();
        return result;
    }

    private void statusRest(ImapStatus status, ResponseCode code, String text) {
        put((byte) ' ');
        ascii(status.name());
        if (code != null) {
            put((byte) ' ');
            ascii(code.toWire());
        }
        put((byte) ' ');
        // RFC 3501 9: text is 1*TEXT-CHAR, so IMAP4rev1 clients expect some.
        String shown = text == null || text.isBlank() ? defaultText(status) : text;
        writeText(sanitize(shown));
        put(CRLF);
    }

    private static String defaultText(ImapStatus status) {
        return switch (status) {
            case OK -> "Completed";
            case NO -> "Failed";
            case BAD -> "Error in command";
            case PREAUTH -> "Logged in";
            case BYE -> "Logging out";
        };
    }

    /** Human-readable text: no CR, LF or controls; 8-bit only as UTF-8 once enabled (RFC 6855 3). */
    private String sanitize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(' ');
            } else if (c >= 0x80 && (!utf8 || Character.isSurrogate(c) && !pairAt(text, i))) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean pairAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private void writeText(String sanitized) {
        put(sanitized.getBytes(StandardCharsets.UTF_8));
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[size++] = (byte) s.charAt(i);
        }
    }

    private void put(byte b) {
        ensure(1);
        buffer[size++] = b;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("Response buffer too large");
            }
            long doubled = Math.min((long) buffer.length * 2, Integer.MAX_VALUE - 16);
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, doubled));
        }
    }

    /**
     * One untagged response being built. Items are separated by single spaces except after
     * {@code (} and before {@code )}; {@link #adjacent()} suppresses the next separator, for
     * {@code body-type-mpart} whose parts follow each other without one (RFC 9051 9).
     */
    public final class Line {

        private boolean separate;
        private int depth;

        private void begin() {
            put((byte) '*');
            separate = true;
            depth = 0;
        }

        private void item() {
            if (separate) {
                put((byte) ' ');
            }
            separate = true;
        }

        /**
         * An atom as given: keywords, flags, fetch attribute names such as
         * {@code BODY[HEADER.FIELDS (From)]} (whose section may hold spaces).
         */
        public Line atom(String atom) {
            if (atom.isEmpty() || atom.chars().anyMatch(c -> c < 0x20 || c >= 0x7f)) {
                throw new IllegalArgumentException("Not an atom: " + atom);
            }
            item();
            ascii(atom);
            return this;
        }

        public Line number(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("IMAP numbers are not negative");
            }
            item();
            ascii(Long.toString(n));
            return this;
        }

        public Line nil() {
            item();
            ascii("NIL");
            return this;
        }

        /** {@code string}: quoted when safe, else a literal of the UTF-8 bytes. */
        public Line string(String s) {
            item();
            if (ImapStrings.isQuotable(s, utf8)) {
                writeQuoted(s);
            } else {
                writeLiteral(s.getBytes(StandardCharsets.UTF_8), false);
            }
            return this;
        }

        /** {@code astring}: an atom when possible, else {@link #string}. */
        public Line astring(String s) {
            if (ImapStrings.isAstringAtom(s)) {
                item();
                ascii(s);
                return this;
            }
            return string(s);
        }

        /** {@code nstring}: NIL for null, else {@link #string}. */
        public Line nstring(String s) {
            return s == null ? nil() : string(s);
        }

        /** {@code nstring} of raw bytes: quoted when printable US-ASCII, else a literal. */
        public Line nstring(byte[] bytes) {
            if (bytes == null) {
                return nil();
            }
            item();
            if (bytes.length <= ImapStrings.MAX_QUOTED_LENGTH && printableAscii(bytes)) {
                writeQuoted(new String(bytes, StandardCharsets.US_ASCII));
            } else {
                writeLiteral(bytes, false);
            }
            return this;
        }

        /** {@code {n}CRLF} and the bytes, e.g. BODY[] content (RFC 9051 7.5.2). */
        public Line literal(byte[] bytes) {
            item();
            writeLiteral(bytes, false);
            return this;
        }

        /**
         * Content for BINARY[] (RFC 3516 4.2): literal8 {@code ~{n}} when it holds NUL, which a
         * plain literal cannot carry, else an ordinary literal.
         */
        public Line binary(byte[] bytes) {
            item();
            boolean hasNul = false;
            for (byte b : bytes) {
                if (b == 0) {
                    hasNul = true;
                    break;
                }
            }
            writeLiteral(bytes, hasNul);
            return this;
        }

        /** A mailbox name in its wire form: modified UTF-7, or UTF-8 once enabled. */
        public Line mailbox(String name) {
            return astring(MailboxNames.encode(name, utf8));
        }

        /** {@code (flag flag ...)}. */
        public Line flags(Collection<String> flags) {
            openList();
            for (String flag : flags) {
                atom(flag);
            }
            return closeList();
        }

        public Line sequenceSet(SequenceSet set) {
            return atom(set.toString());
        }

        /** A quoted {@code date-time}, e.g. INTERNALDATE (RFC 9051 7.5.2). */
        public Line dateTime(OffsetDateTime t) {
            item();
            writeQuoted(ImapDates.formatDateTime(t));
            return this;
        }

        public Line openList() {
            item();
            put((byte) '(');
            separate = false;
            depth++;
            return this;
        }

        public Line closeList() {
            if (depth == 0) {
                throw new IllegalStateException("No list is open");
            }
            put((byte) ')');
            separate = true;
            depth--;
            return this;
        }

        /** The next item follows without a space. */
        public Line adjacent() {
            separate = false;
            return this;
        }

        /** A response code in brackets, e.g. in {@code * OK [UNSEEN 12] ...} built by hand. */
        public Line code(ResponseCode code) {
            item();
            ascii(code.toWire());
            return this;
        }

        /** Human-readable text; it ends the response's content. */
        public Line text(String text) {
            item();
            writeText(sanitize(text));
            return this;
        }

        /** Ends the response with CRLF. */
        public ImapResponseWriter end() {
            if (depth != 0) {
                throw new IllegalStateException("Unclosed list in response");
            }
            put(CRLF);
            return ImapResponseWriter.this;
        }

        private void writeQuoted(String s) {
            put(ImapStrings.quote(s).getBytes(StandardCharsets.UTF_8));
        }

        private void writeLiteral(byte[] bytes, boolean binary) {
            ascii((binary ? "~{" : "{") + bytes.length + "}");
            put(CRLF);
            put(bytes);
        }
    }

    private static boolean printableAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
