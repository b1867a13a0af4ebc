package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an address-list header (RFC 5322 3.4, with the obsolete forms of 4.4) into IMAP ENVELOPE
 * addresses (RFC 3501 7.4.2): the display name with quoting removed but encoded words kept, the
 * obs-route as the at-domain-list, local part and domain as written. Groups become start and end
 * markers. Nothing here fails: stray tokens are skipped, an unclosed group or angle bracket ends
 * with the header. A legacy {@code user@host (Full Name)} takes its name from the comment, and a
 * mailbox without a domain gets an empty host (NIL would mean a group marker).
 */
final class AddressListParser {

    private final List<AddressToken> tokens;
    private final List<Address> out = new ArrayList<>();
    private int pos;

    private AddressListParser(String value) {
        this.tokens = AddressToken.tokenize(value);
    }

    static List<Address> parse(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        AddressListParser parser = new AddressListParser(value);
        parser.run();
        return List.copyOf(parser.out);
    }

    private void run() {
        boolean inGroup = false;
        List<AddressToken> pending = new ArrayList<>();
        while (pos < tokens.size()) {
            AddressToken t = tokens.get(pos++);
            if (t.is('<')) {
                angleAddress(pending);
                pending.clear();
                skipToSeparator();
            } else if (t.is('>')) {
                continue;
            } else if (t.is(',')) {
                flush(pending);
            } else if (t.is(';')) {
                flush(pending);
                if (inGroup) {
                    out.add(Address.groupEnd());
                    inGroup = false;
                }
            } else if (t.is(':') && !inGroup && pending.stream().noneMatch(p -> p.is('@'))) {
                out.add(Address.groupStart(phrase(pending)));
                pending.clear();
                inGroup = true;
            } else {
                pending.add(t);
            }
        }
        flush(pending);
        if (inGroup) {
            out.add(Address.groupEnd());
        }
    }

    /** name-addr: [display-name] "<" [obs-route] addr-spec ">". */
    private void angleAddress(List<AddressToken> displayName) {
        List<AddressToken> inner = new ArrayList<>();
        while (pos < tokens.size() && !tokens.get(pos).is('>')) {
            inner.add(tokens.get(pos++));
        }
        if (pos < tokens.size()) {
            pos++;
        }
        String route = null;
        int colon = indexOf(inner, ':');
        if (!inner.isEmpty() && inner.getFirst().is('@') && colon > 0) {
            route = joinRaw(inner.subList(0, colon));
            inner = inner.subList(colon + 1, inner.size());
        }
        String name = phrase(displayName);
        addAddrSpec(name, route, inner);
    }

    /** A bare addr-spec, possibly followed by a comment that names it. */
    private void flush(List<AddressToken> pending) {
        List<AddressToken> words = pending.stream().filter(t -> t.kind() != AddressToken.Kind.COMMENT).toList();
        if (!words.isEmpty()) {
            String name = null;
            for (AddressToken t : pending) {
                if (t.kind() == AddressToken.Kind.COMMENT && !t.text().isEmpty()) {
                    name = t.text();
                }
            }
            addAddrSpec(name, null, words);
        }
        pending.clear();
    }

    private void addAddrSpec(String name, String route, List<AddressToken> spec) {
        List<AddressToken> words = spec.stream().filter(t -> t.kind() != AddressToken.Kind.COMMENT).toList();
        int at = lastIndexOf(words, '@');
        String local = joinRaw(at < 0 ? words : words.subList(0, at));
        String domain = at < 0 ? "" : joinRaw(words.subList(at + 1, words.size()));
        if (local.isEmpty() && domain.isEmpty() && name == null) {
            return;
        }
        out.add(Address.of(name, route, local, domain));
    }

    private void skipToSeparator() {
        while (pos < tokens.size() && !tokens.get(pos).is(',') && !tokens.get(pos).is(';')) {
            pos++;
        }
    }

    /** RFC 5322 3.2.5 phrase: words joined as written, quoted-strings unquoted; null when empty. */
    private static String phrase(List<AddressToken> words) {
        StringBuilder out = new StringBuilder();
        for (AddressToken t : words) {
            if (t.kind() == AddressToken.Kind.COMMENT) {
                continue;
            }
            if (!out.isEmpty() && t.spaceBefore()) {
                out.append(' ');
            }
            out.append(t.text());
        }
        String name = out.toString().strip();
        return name.isEmpty() ? null : name;
    }

    private static String joinRaw(List<AddressToken> words) {
        StringBuilder out = new StringBuilder();
        for (AddressToken t : words) {
            if (t.kind() != AddressToken.Kind.COMMENT) {
                out.append(t.raw());
            }
        }
        return out.toString();
    }

    private static int indexOf(List<AddressToken> words, char special) {
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).is(special)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<AddressToken> words, char special) {
        for (int i = words.size() - 1; i >= 0; i--) {
            if (words.get(i).is(special)) {
                return i;
            }
        }
        return -1;
    }
}
