package org.mailplatform.message;

import java.util.List;

/**
 * The header section of one entity (a message or a body part).
 *
 * @param start          first byte of the header section
 * @param fields         the well-formed fields, in order
 * @param blankLineStart first byte of the empty line that ends the header, or -1 when there is none
 * @param bodyStart      first byte after that empty line (or the end of the entity when there is none)
 * @param junkLines      lines inside the header that are neither a field nor a continuation
 */
record HeaderBlock(int start, List<HeaderField> fields, int blankLineStart, int bodyStart, int junkLines) {

    HeaderBlock {
        fields = List.copyOf(fields);
    }

    HeaderField first(String name) {
        for (HeaderField field : fields) {
            if (field.named(name)) {
                return field;
            }
        }
        return null;
    }

    /** Value of the first field with that name, unfolded, octet-per-char; null when absent. */
    String value(byte[] raw, String name) {
        HeaderField field = first(name);
        return field == null ? null : field.value(raw);
    }

    boolean hasSeparator() {
        return blankLineStart >= 0;
    }
}
