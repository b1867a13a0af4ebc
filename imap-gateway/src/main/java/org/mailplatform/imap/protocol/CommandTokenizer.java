package org.mailplatform.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Turns the lines of one command into its tag, name and argument tree. A command is one line,
 * or several lines joined by literals; each line arrives complete, and the open lists carry over
 * from one line to the next. Lists are kept on an explicit stack, never by recursion, so the
 * nesting limit is the only bound on depth.
 */
final class CommandTokenizer {

    private static final String[] SECTION_PREFIXES = {"BODY", "BODY.PEEK", "BINARY", "BINARY.PEEK", "BINARY.SIZE"};

    private final ImapParserLimits limits;
    private final boolean utf8;
    private final Deque<List<ImapArg>> enclosing = new ArrayDeque<>();
    private List<ImapArg> current = new ArrayList<>();
    private String tag;
    private String name;
    private boolean needSeparator;
    private int argumentCount;

    CommandTokenizer(ImapParserLimits limits, boolean utf8) {
        this.limits = limits;
        this.utf8 = utf8;
    }

    /** The tag, once the first line had a valid one; null before or when it was invalid. */
    String tag() {
        return tag;
    }

    String name() {
        return name;
    }

    List<ImapArg> arguments() {
        return current;
    }

    /**
     * Reads one line, CRLF removed. Returns the literal that ends it, whose bytes the caller then
     * hands to {@link #addLiteral}, or null when the line completes the command.
     */
    LiteralMarker readLine(byte[] b, int len) throws ImapSyntaxException {
        int pos = name == null ? readTagAndName(b, len) : 0;
        while (pos < len) {
            byte c = b[pos];
            if (c == ' ') {
                // Runs of spaces are tolerated, as most servers do, though the grammar has one SP.
                needSeparator = false;
                pos++;
                continue;
            }
            if (c == ')') {
                closeList();
                pos++;
                continue;
            }
            if (needSeparator) {
                throw new ImapSyntaxException("Missing space between arguments");
            }
            if (c == '(') {
                openList();
                pos++;
                continue;
            }
            if (c == '{' || (c == '~' && pos + 1 < len && b[pos + 1] == '{')) {
                return readLiteralMarker(b, pos, len);
            }
            pos = c == '"' ? readQuoted(b, pos, len) : readAtom(b, pos, len);
            needSeparator = true;
        }
        if (!enclosing.isEmpty()) {
            throw new ImapSyntaxException("Missing ')'");
        }
        return null;
    }

    void addLiteral(byte[] bytes, boolean binary) {
        current.add(new ImapArg.Literal(bytes, binary));
        needSeparator = true;
    }

    private int readTagAndName(byte[] b, int len) throws ImapSyntaxException {
        int tagEnd = indexOf(b, ' ', 0, len);
        if (tagEnd == 0) {
            throw new ImapSyntaxException("Missing tag");
        }
        int end = tagEnd < 0 ? len : tagEnd;
        for (int i = 0; i < end; i++) {
            if (!ImapStrings.isTagChar(b[i])) {
                throw new ImapSyntaxException("Invalid tag");
            }
        }
        tag = ascii(b, 0, end);
        if (tagEnd < 0 || tagEnd + 1 >= len) {
            throw new ImapSyntaxException("Missing command name");
        }
        int nameEnd = commandWordEnd(b, tagEnd + 1, len);
        String word = ascii(b, tagEnd + 1, nameEnd).toUpperCase(Locale.ROOT);
        if (word.equals("UID")) {
            // RFC 9051 6.4.9: UID prefixes COPY, MOVE, FETCH, SEARCH, STORE and EXPUNGE.
            if (nameEnd + 1 >= len || b[nameEnd] != ' ') {
                throw new ImapSyntaxException("Missing command after UID");
            }
            int subEnd = commandWordEnd(b, nameEnd + 1, len);
            word = word + " " + ascii(b, nameEnd + 1, subEnd).toUpperCase(Locale.ROOT);
            nameEnd = subEnd;
        }
        name = word;
        needSeparator = true;
        return nameEnd;
    }

    private static int commandWordEnd(byte[] b, int from, int len) throws ImapSyntaxException {
        int i = from;
        while (i < len && b[i] != ' ') {
            byte c = b[i];
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                throw new ImapSyntaxException("Invalid command name");
            }
            i++;
        }
        if (i == from) {
            throw new ImapSyntaxException("Missing command name");
        }
        return i;
    }

    private void openList() throws ImapSyntaxException {
        if (enclosing.size() >= limits.maxNestingDepth()) {
            throw new ImapSyntaxException(ResponseCode.LIMIT, "Lists nested too deeply");
        }
        count();
        enclosing.push(current);
        current = new ArrayList<>();
    }

    private void closeList() throws ImapSyntaxException {
        if (enclosing.isEmpty()) {
            throw new ImapSyntaxException("Unexpected ')'");
        }
        ImapArg.ArgList list = new ImapArg.ArgList(current);
        current = enclosing.pop();
        current.add(list);
        needSeparator = true;
    }

    private void count() throws ImapSyntaxException {
        if (++argumentCount > limits.maxArguments()) {
            throw new ImapSyntaxException(ResponseCode.LIMIT, "Too many arguments");
        }
    }

    /** RFC 9051 4.3: a literal announcement is the last thing on its line. */
    private LiteralMarker readLiteralMarker(byte[] b, int pos, int len) throws ImapSyntaxException {
        boolean binary = b[pos] == '~';
        int i = pos + (binary ? 2 : 1);
        int digitsStart = i;
        long size = 0;
        while (i < len && b[i] >= '0' && b[i] <= '9') {
            size = LiteralMarker.appendDigit(size, b[i] - '0');
            i++;
        }
        boolean nonSynchronizing = i < len && b[i] == '+';
        if (nonSynchronizing) {
            i++;
        }
        if (i == digitsStart || i >= len || b[i] != '}') {
            throw new ImapSyntaxException("Invalid literal");
        }
        if (i + 1 != len) {
            throw new ImapSyntaxException("A literal must end the line");
        }
        count();
        return new LiteralMarker(size, nonSynchronizing, binary);
    }

    /** quoted: DQUOTE *QUOTED-CHAR DQUOTE, escapes {@code \"} and {@code \\} only (RFC 9051 9). */
    private int readQuoted(byte[] b, int pos, int len) throws ImapSyntaxException {
        byte[] value = new byte[Math.min(len - pos, 64)];
        int size = 0;
        boolean eightBit = false;
        int i = pos + 1;
        while (true) {
            if (i >= len) {
                throw new ImapSyntaxException("Unterminated quoted string");
            }
            byte c = b[i];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                i++;
                if (i >= len || (b[i] != '"' && b[i] != '\\')) {
                    throw new ImapSyntaxException("Invalid escape in quoted string");
                }
                c = b[i];
            } else if (c == 0 || c == '\r') {
                throw new ImapSyntaxException("Invalid character in quoted string");
            } else if (c < 0) {
                // RFC 6855 3: 8-bit UTF-8 in quoted strings only after ENABLE UTF8=ACCEPT.
                if (!utf8) {
                    throw new ImapSyntaxException("8-bit characters in a quoted string; send a literal");
                }
                eightBit = true;
            }
            if (size == value.length) {
                value = java.util.Arrays.copyOf(value, Math.min(len - pos, value.length * 2));
            }
            value[size++] = c;
            i++;
        }
        count();
        current.add(new ImapArg.Quoted(eightBit ? utf8Text(value, size) : ascii(value, 0, size)));
        return i + 1;
    }

    private static String utf8Text(byte[] value, int size) throws ImapSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value, 0, size))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ImapSyntaxException("Quoted string is not valid UTF-8");
        }
    }

    /**
     * An atom, read leniently: list wildcards, {@code \} (flags) and {@code ]} are kept and
     * checked by the accessor that knows the production. After a fetch attribute name a bracketed
     * section, spaces and parentheses included, belongs to the atom:
     * {@code BODY.PEEK[HEADER.FIELDS (From Subject)]<0.2048>} (RFC 9051 6.4.5).
     */
    private int readAtom(byte[] b, int pos, int len) throws ImapSyntaxException {
        int i = pos;
        while (i < len) {
            int c = b[i] & 0xff;
            if (c == ' ' || c == ')') {
                break;
            }
            if (c == '[' && isSectionPrefix(b, pos, i)) {
                i = readSection(b, i, len);
                continue;
            }
            if (c <= 0x20 || c >= 0x7f || c == '(' || c == '{' || c == '"') {
                throw new ImapSyntaxException("Invalid character in atom");
            }
            i++;
        }
        count();
        current.add(new ImapArg.Atom(ascii(b, pos, i)));
        return i;
    }

    private static boolean isSectionPrefix(byte[] b, int from, int to) {
        String prefix = ascii(b, from, to);
        for (String p : SECTION_PREFIXES) {
            if (p.equalsIgnoreCase(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static int readSection(byte[] b, int open, int len) throws ImapSyntaxException {
        int i = open + 1;
        while (true) {
            if (i >= len) {
                throw new ImapSyntaxException("Missing ']' after section");
            }
            int c = b[i] & 0xff;
            if (c == ']') {
                return i + 1;
            }
            if (c == '"') {
                i++;
                while (i < len && b[i] != '"') {
                    if (b[i] == '\\') {
                        i++;
                    }
                    i++;
                }
                if (i >= len) {
                    throw new ImapSyntaxException("Unterminated quoted string in section");
                }
            } else if (c < 0x20 || c >= 0x7f || c == '[' || c == '{') {
                throw new ImapSyntaxException("Invalid character in section");
            }
            i++;
        }
    }

    private static int indexOf(byte[] b, char c, int from, int len) {
        for (int i = from; i < len; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }
}
