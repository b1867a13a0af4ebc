package org.mailplatform.records.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The record types and their magic bytes; distinct magics catch a record sent to the wrong topic. */
enum RecordKind {
    MAIL("MAIL", "mail record"),
    MAILBOX_EVENT("MBEV", "mailbox event"),
    DELIVERY_REPORT("DSNR", "delivery report");

    private final byte[] magic;
    private final String description;

    RecordKind(String magic, String description) {
        this.magic = magic.getBytes(StandardCharsets.US_ASCII);
        this.description = description;
    }

    byte[] magic() {
        return magic.clone();
    }

    boolean matches(byte[] data) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    String description() {
        return description;
    }
}
