package org.mailplatform.imap.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FETCH attribute with a section: {@code BODY[...]}, {@code BODY.PEEK[...]} (RFC 9051 6.4.5),
 * {@code BINARY[...]}, {@code BINARY.PEEK[...]}, {@code BINARY.SIZE[...]} (RFC 3516 4), with an
 * optional partial {@code <offset.length>}. The parser keeps such an attribute in one atom;
 * {@link #parse} splits it.
 *
 * @param name BODY, BODY.PEEK, BINARY, BINARY.PEEK or BINARY.SIZE
 * @param part the part path, {@code 1.2} as [1, 2]; empty for the whole message
 * @param text HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME; null for the part itself
 * @param headerFields the field names of HEADER.FIELDS[.NOT], as the client wrote them
 * @param partialOffset the first octet wanted, or -1 without a partial
 * @param partialLength how many octets, or -1 without a partial
 * @param spec the text between the brackets exactly as sent, echoed in the response
 */
public record SectionAttribute(String name, List<Integer> part, String text, List<String> headerFields,
        long partialOffset, long partialLength, String spec) {

    public SectionAttribute {
        part = List.copyOf(part);
        headerFields = List.copyOf(headerFields);
    }

    /** Parses a fetch attribute atom such as {@code BODY.PEEK[1.2.HEADER.FIELDS (From)]<0.100>}. */
    public static SectionAttribute parse(String atom) throws ImapSyntaxException {
        int open = atom.indexOf('[');
        int close = open < 0 ? -1 : closingBracket(atom, open);
        if (open < 0 || close < 0) {
            throw invalid();
        }
        String name = atom.substring(0, open).toUpperCase(Locale.ROOT);
        boolean binary = name.startsWith("BINARY");
        if (!List.of("BODY", "BODY.PEEK", "BINARY", "BINARY.PEEK", "BINARY.SIZE").contains(name)) {
            throw invalid();
        }
        String spec = atom.substring(open + 1, close);
        List<Integer> part = new ArrayList<>();
        int i = 0;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            int dot = spec.indexOf('.', i);
            int end = dot < 0 ? spec.length() : dot;
            part.add(partNumber(spec.substring(i, end)));
            i = dot < 0 ? spec.length() : dot + 1;
            if (dot >= 0 && i == spec.length()) {
                throw invalid();
            }
        }
        String rest = spec.substring(i);
        String text = null;
        List<String> fields = List.of();
        if (!rest.isEmpty()) {
            // RFC 3516 4.2: BINARY sections name parts only.
            if (binary) {
                throw invalid();
            }
            int space = rest.indexOf(' ');
            text = (space < 0 ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
            boolean fieldList = text.equals("HEADER.FIELDS") || text.equals("HEADER.FIELDS.NOT");
            if (fieldList != (space >= 0)
                    || !(fieldList || text.equals("HEADER") || text.equals("TEXT") || text.equals("MIME"))
                    || (text.equals("MIME") && part.isEmpty())) {
                throw invalid();
            }
            if (fieldList) {
                fields = headerList(rest.substring(space + 1));
            }
        }
        long offset = -1;
        long length = -1;
        String partial = atom.substring(close + 1);
        if (!partial.isEmpty()) {
            if (name.equals("BINARY.SIZE") || !partial.startsWith("<") || !partial.endsWith(">")) {
                throw invalid();
            }
            String[] numbers = partial.substring(1, partial.length() - 1).split("\\.", -1);
            if (numbers.length != 2) {
                throw invalid();
            }
            offset = number(numbers[0]);
            length = number(numbers[1]);
            if (length == 0) {
                throw invalid();
            }
        }
        return new SectionAttribute(name, part, text, fields, offset, length, spec);
    }

    public boolean peek() {
        return name.endsWith(".PEEK");
    }

    public boolean binary() {
        return name.startsWith("BINARY");
    }

    public boolean hasPartial() {
        return partialOffset >= 0;
    }

    /**
     * The name the FETCH response carries: without {@code .PEEK}, with the section as the client
     * wrote it and only the partial's origin, e.g. {@code BODY[HEADER.FIELDS (From)]<0>}
     * (RFC 9051 7.5.2).
     */
    public String responseName() {
        String base = name.endsWith(".PEEK") ? name.substring(0, name.length() - 5) : name;
        return base + "[" + spec + "]" + (hasPartial() ? "<" + partialOffset + ">" : "");
    }

    private static int closingBracket(String atom, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < atom.length(); i++) {
            char c = atom.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ']' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** header-list: "(" header-fld-name *(SP header-fld-name) ")", names being astrings. */
    private static List<String> headerList(String text) throws ImapSyntaxException {
        if (text.length() < 3 || text.charAt(0) != '(' || text.charAt(text.length() - 1) != ')') {
            throw invalid();
        }
        List<String> names = new ArrayList<>();
        String inner = text.substring(1, text.length() - 1);
        int i = 0;
        while (i < inner.length()) {
            if (inner.charAt(i) == ' ') {
                i++;
                continue;
            }
            StringBuilder name = new StringBuilder();
            if (inner.charAt(i) == '"') {
                i++;
                while (i < inner.length() && inner.charAt(i) != '"') {
                    if (inner.charAt(i) == '\\') {
                        i++;
                    }
                    if (i < inner.length()) {
                        name.append(inner.charAt(i++));
                    }
                }
                if (i >= inner.length()) {
                    throw invalid();
                }
                i++;
            } else {
                while (i < inner.length() && inner.charAt(i) != ' ') {
                    name.append(inner.charAt(i++));
                }
            }
            names.add(fieldName(name.toString()));
        }
        if (names.isEmpty()) {
            throw invalid();
        }
        return names;
    }

    /** RFC 5322 3.6.8: field names are printable US-ASCII without colon. */
    private static String fieldName(String s) throws ImapSyntaxException {
        if (s.isEmpty() || !s.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw invalid();
        }
        return s;
    }

    private static int partNumber(String s) throws ImapSyntaxException {
        long n = number(s);
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw invalid();
        }
        return (int) n;
    }

    private static long number(String s) throws ImapSyntaxException {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid();
        }
        return Long.parseLong(s);
    }

    private static ImapSyntaxException invalid() {
        return new ImapSyntaxException("Invalid section in fetch attribute");
    }
}
