package org.mailplatform.mta.milter;

/**
 * A change a milter asked for at end of message. Names and values are byte strings (ISO-8859-1
 * code points, one per octet) so 8-bit header content passes through unchanged.
 */
public sealed interface HeaderEdit {

    String name();

    String value();

    /** SMFIR_ADDHEADER: append after the last field. */
    record Add(String name, String value) implements HeaderEdit {
    }

    /** SMFIR_INSHEADER: insert before the field at {@code index} (0 = first), or append past the end. */
    record Insert(int index, String name, String value) implements HeaderEdit {
    }

    /**
     * SMFIR_CHGHEADER: replace the {@code occurrence}-th (from 1) field called {@code name}; an empty
     * value deletes it; a missing occurrence is added.
     */
    record Change(int occurrence, String name, String value) implements HeaderEdit {
    }
}
