package org.mailplatform.imap.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A cursor over command arguments with typed accessors for the grammar's productions
 * (RFC 9051 9). Each accessor either consumes one argument and returns its value or throws
 * {@link ImapSyntaxException} without consuming, so commands parse their arguments in order and
 * end with {@link #end()}.
 */
public final class ImapArgReader {

    private static final long MAX_NUMBER64 = Long.MAX_VALUE;

    private final List<ImapArg> args;
    private int position;

    public ImapArgReader(List<ImapArg> args) {
        this.args = args;
    }

    public boolean hasNext() {
        return position < args.size();
    }

    public int remaining() {
        return args.size() - position;
    }

    /** The next argument without consuming it, or null at the end. */
    public ImapArg peek() {
        return hasNext() ? args.get(position) : null;
    }

    public boolean peekIsList() {
        return peek() instanceof ImapArg.ArgList;
    }

    /** Whether the next argument is the atom {@code keyword} (case-insensitive). */
    public boolean peekIsAtom(String keyword) {
        return peek() instanceof ImapArg.Atom a && a.text().equalsIgnoreCase(keyword);
    }

    public ImapArg next() throws ImapSyntaxException {
        if (!hasNext()) {
            throw new ImapSyntaxException("Missing argument");
        }
        return args.get(position++);
    }

    /** Consumes the atom {@code keyword} (case-insensitive) when it is next. */
    public boolean nextIfAtom(String keyword) {
        if (peekIsAtom(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    public void expectAtom(String keyword) throws ImapSyntaxException {
        if (!nextIfAtom(keyword)) {
            throw new ImapSyntaxException("Expected " + keyword);
        }
    }

    /** An atom, as written. */
    public String nextAtom() throws ImapSyntaxException {
        if (peek() instanceof ImapArg.Atom a) {
            position++;
            return a.text();
        }
        throw expected("atom");
    }

    /** An atom in upper case: command keywords, fetch attributes, search keys. */
    public String nextKeyword() throws ImapSyntaxException {
        return nextAtom().toUpperCase(Locale.ROOT);
    }

    /** {@code astring}: an atom (ASTRING-CHARs), a quoted string or a literal, as UTF-8 text. */
    public String nextAstring() throws ImapSyntaxException {
        ImapArg arg = peek();
        String value = switch (arg) {
            case ImapArg.Atom a when !a.text().chars().allMatch(ImapStrings::isAstringChar) ->
                    throw new ImapSyntaxException("Invalid characters in atom");
            case ImapArg.Atom a -> a.text();
            case ImapArg.Quoted q -> q.text();
            case ImapArg.Literal l -> literalText(l);
            case null, default -> throw expected("astring");
        };
        position++;
        return value;
    }

    /** {@code string}: a quoted string or a literal, as UTF-8 text. */
    public String nextString() throws ImapSyntaxException {
        String value = switch (peek()) {
            case ImapArg.Quoted q -> q.text();
            case ImapArg.Literal l -> literalText(l);
            case null, default -> throw expected("string");
        };
        position++;
        return value;
    }

    /** {@code nstring}: a string, or NIL as null. */
    public String nextNstring() throws ImapSyntaxException {
        if (peek() instanceof ImapArg.Atom a && a.isNil()) {
            position++;
            return null;
        }
        return nextString();
    }

    /**
     * The bytes of an astring without any decoding: passwords and SEARCH strings in a charset
     * other than UTF-8 (RFC 9051 6.4.4).
     */
    public byte[] nextAstringBytes() throws ImapSyntaxException {
        ImapArg arg = peek();
        if (arg instanceof ImapArg.Literal l) {
            position++;
            return l.bytes().clone();
        }
        return nextAstring().getBytes(StandardCharsets.UTF_8);
    }

    /** A literal (APPEND's message, RFC 9051 6.3.12); literal8 when {@link ImapArg.Literal#binary()}. */
    public ImapArg.Literal nextLiteral() throws ImapSyntaxException {
        if (peek() instanceof ImapArg.Literal l) {
            position++;
            return l;
        }
        throw expected("literal");
    }

    /** {@code number}: 0 to 4294967295. */
    public long nextNumber() throws ImapSyntaxException {
        return number(SequenceSet.MAX_NUMBER, 0, "number");
    }

    /** {@code nz-number}: 1 to 4294967295. */
    public long nextNzNumber() throws ImapSyntaxException {
        return number(SequenceSet.MAX_NUMBER, 1, "non-zero number");
    }

    /** {@code number64}: 0 to 2^63-1 (RFC 9051 9; mod-sequence values, RFC 7162). */
    public long nextNumber64() throws ImapSyntaxException {
        return number(MAX_NUMBER64, 0, "number");
    }

    private long number(long max, long min, String what) throws ImapSyntaxException {
        if (!(peek() instanceof ImapArg.Atom a)) {
            throw expected(what);
        }
        String s = a.text();
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw expected(what);
        }
        long n = Long.parseLong(s);
        if (n < min || n > max) {
            throw expected(what);
        }
        position++;
        return n;
    }

    /** A parenthesized list, as a reader over its items. */
    public ImapArgReader nextList() throws ImapSyntaxException {
        if (peek() instanceof ImapArg.ArgList list) {
            position++;
            return new ImapArgReader(list.items());
        }
        throw expected("parenthesized list");
    }

    public SequenceSet nextSequenceSet() throws ImapSyntaxException {
        if (!(peek() instanceof ImapArg.Atom a)) {
            throw expected("sequence set");
        }
        SequenceSet set = SequenceSet.parse(a.text());
        position++;
        return set;
    }

    /** {@code flag-list}: {@code (\Seen $Forwarded)}; system flags in canonical case. */
    public List<String> nextFlagList() throws ImapSyntaxException {
        if (!(peek() instanceof ImapArg.ArgList list)) {
            throw expected("flag list");
        }
        List<String> flags = flags(list.items());
        position++;
        return flags;
    }

    /**
     * The flags of STORE: a flag list or flags without parentheses up to the end of the command
     * (RFC 9051 6.4.6 {@code store-att-flags}).
     */
    public List<String> flagsToEnd() throws ImapSyntaxException {
        if (peekIsList()) {
            List<String> flags = nextFlagList();
            end();
            return flags;
        }
        List<String> flags = flags(args.subList(position, args.size()));
        position = args.size();
        return flags;
    }

    private static List<String> flags(List<ImapArg> items) throws ImapSyntaxException {
        List<String> flags = new ArrayList<>(items.size());
        for (ImapArg item : items) {
            if (!(item instanceof ImapArg.Atom a)) {
                throw new ImapSyntaxException("Invalid flag");
            }
            flags.add(ImapFlags.parse(a.text()));
        }
        return flags;
    }

    /** {@code date}: an atom or quoted string such as {@code 1-Feb-1994} (SEARCH). */
    public LocalDate nextDate() throws ImapSyntaxException {
        String text = switch (peek()) {
            case ImapArg.Atom a -> a.text();
            case ImapArg.Quoted q -> q.text();
            case null, default -> throw expected("date");
        };
        LocalDate date = ImapDates.parseDate(text);
        position++;
        return date;
    }

    /** {@code date-time}: a quoted {@code "01-Feb-1994 12:00:00 +0000"} (APPEND). */
    public OffsetDateTime nextDateTime() throws ImapSyntaxException {
        if (!(peek() instanceof ImapArg.Quoted q)) {
            throw expected("date-time");
        }
        OffsetDateTime t = ImapDates.parseDateTime(q.text());
        position++;
        return t;
    }

    /**
     * {@code mailbox}: an astring decoded with {@link MailboxNames#decode}; {@code utf8} when the
     * client enabled UTF8=ACCEPT or IMAP4rev2.
     */
    public String nextMailbox(boolean utf8) throws ImapSyntaxException {
        int before = position;
        String wire = nextAstring();
        try {
            return MailboxNames.decode(wire, utf8);
        } catch (ImapSyntaxException e) {
            position = before;
            throw e;
        }
    }

    /**
     * {@code list-mailbox} of LIST and LSUB (RFC 9051 6.3.9): an astring in which the atom form
     * may also hold the wildcards {@code %} and {@code *}; returned as sent, undecoded, since a
     * pattern need not be a valid name (the caller decides how to match it).
     */
    public String nextListMailbox() throws ImapSyntaxException {
        if (peek() instanceof ImapArg.Atom a) {
            if (!a.text().chars().allMatch(c -> c == '%' || c == '*' || ImapStrings.isAstringChar(c))) {
                throw new ImapSyntaxException("Invalid characters in mailbox pattern");
            }
            position++;
            return a.text();
        }
        return nextAstring();
    }

    /** Requires that all arguments were consumed. */
    public void end() throws ImapSyntaxException {
        if (hasNext()) {
            throw new ImapSyntaxException("Unexpected extra arguments");
        }
    }

    private static String literalText(ImapArg.Literal l) throws ImapSyntaxException {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(l.bytes()))
                    .toString();
            if (s.indexOf('\0') >= 0) {
                throw new ImapSyntaxException("NUL in a string");
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new ImapSyntaxException("String is not valid UTF-8");
        }
    }

    private ImapSyntaxException expected(String what) {
        return new ImapSyntaxException(hasNext() ? "Expected " + what : "Missing " + what);
    }
}
