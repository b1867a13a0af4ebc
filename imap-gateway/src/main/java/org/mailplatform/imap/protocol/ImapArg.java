package org.mailplatform.imap.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One argument of a command as the client wrote it. Numbers, sequence sets, flags, NIL and
 * fetch attributes such as {@code BODY.PEEK[HEADER.FIELDS (From)]<0.100>} are atoms; their
 * meaning depends on the command, which reads them through {@link ImapArgReader}.
 */
public sealed interface ImapArg {

    /** An atom (RFC 9051 9 {@code atom}, {@code astring} atom form, number, flag, sequence set). */
    record Atom(String text) implements ImapArg {

        /** NIL is an atom the grammar gives a meaning where an nstring is expected. */
        public boolean isNil() {
            return text.equalsIgnoreCase("NIL");
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A quoted string, escapes removed (RFC 9051 9 {@code quoted}). */
    record Quoted(String text) implements ImapArg {

        @Override
        public String toString() {
            return ImapStrings.quote(text);
        }
    }

    /**
     * A literal: {@code {n}}, {@code {n+}} or, when {@code binary}, literal8 {@code ~{n}}
     * (RFC 3516 4.3). The bytes are owned by this argument; do not modify them.
     */
    record Literal(byte[] bytes, boolean binary) implements ImapArg {

        public int size() {
            return bytes.length;
        }

        /** The content as UTF-8 (malformed input replaced), for logging and lenient use. */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Literal other && binary == other.binary && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + (binary ? 1 : 0);
        }

        @Override
        public String toString() {
            return (binary ? "~{" : "{") + bytes.length + "}";
        }
    }

    /** A parenthesized list. */
    record ArgList(List<ImapArg> items) implements ImapArg {

        public ArgList {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(");
            for (ImapArg item : items) {
                if (sb.length() > 1) {
                    sb.append(' ');
                }
                sb.append(item);
            }
            return sb.append(')').toString();
        }
    }
}
