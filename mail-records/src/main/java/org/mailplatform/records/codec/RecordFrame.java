package org.mailplatform.records.codec;

import java.util.Arrays;

/** Magic, frame version, header length, JSON header, raw payload: see the package documentation. */
final class RecordFrame {

    static final int FRAME_VERSION = 1;
    static final int PREFIX_BYTES = 9;
    static final int MAX_HEADER_BYTES = 16 * 1024 * 1024;

    private final byte[] data;
    private final int headerLength;

    private RecordFrame(byte[] data, int headerLength) {
        this.data = data;
        this.headerLength = headerLength;
    }

    static byte[] write(RecordKind kind, byte[] header, byte[] payload) {
        if (header.length > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException(kind.description() + " header is " + header.length
                    + " bytes, more than " + MAX_HEADER_BYTES);
        }
        long total = (long) PREFIX_BYTES + header.length + payload.length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(kind.description() + " is too large for one record");
        }
        byte[] out = new byte[(int) total];
        System.arraycopy(kind.magic(), 0, out, 0, 4);
        out[4] = FRAME_VERSION;
        out[5] = (byte) (header.length >>> 24);
        out[6] = (byte) (header.length >>> 16);
        out[7] = (byte) (header.length >>> 8);
        out[8] = (byte) header.length;
        System.arraycopy(header, 0, out, PREFIX_BYTES, header.length);
        System.arraycopy(payload, 0, out, PREFIX_BYTES + header.length, payload.length);
        return out;
    }

    static RecordFrame read(RecordKind kind, byte[] data) {
        if (data == null || data.length == 0) {
            throw new RecordFormatException(RecordFormatException.Problem.EMPTY,
                    "no value where a " + kind.description() + " was expected");
        }
        if (!kind.matches(data)) {
            throw new RecordFormatException(RecordFormatException.Problem.BAD_MAGIC, "not a " + kind.description()
                    + describeActual(data));
        }
        if (data.length < PREFIX_BYTES) {
            throw new RecordFormatException(RecordFormatException.Problem.TRUNCATED,
                    kind.description() + " ends inside its prefix (" + data.length + " bytes)");
        }
        int version = data[4] & 0xff;
        if (version > FRAME_VERSION) {
            throw new UnsupportedRecordVersionException(kind.description() + " frame", version, FRAME_VERSION);
        }
        if (version < 1) {
            throw new RecordFormatException(RecordFormatException.Problem.BAD_MAGIC,
                    kind.description() + " has frame version 0");
        }
        long length = ((long) (data[5] & 0xff) << 24) | ((data[6] & 0xff) << 16) | ((data[7] & 0xff) << 8)
                | (data[8] & 0xff);
        if (length == 0 || length > MAX_HEADER_BYTES) {
            throw new RecordFormatException(RecordFormatException.Problem.MALFORMED_HEADER,
                    kind.description() + " header length " + length + " is out of range");
        }
        if (PREFIX_BYTES + length > data.length) {
            throw new RecordFormatException(RecordFormatException.Problem.TRUNCATED, kind.description()
                    + " header says " + length + " bytes but only " + (data.length - PREFIX_BYTES) + " follow");
        }
        return new RecordFrame(data, (int) length);
    }

    private static String describeActual(byte[] data) {
        for (RecordKind other : RecordKind.values()) {
            if (other.matches(data)) {
                return " (it is a " + other.description() + ")";
            }
        }
        return "";
    }

    byte[] data() {
        return data;
    }

    int headerOffset() {
        return PREFIX_BYTES;
    }

    int headerLength() {
        return headerLength;
    }

    int payloadLength() {
        return data.length - PREFIX_BYTES - headerLength;
    }

    /** A copy of the payload: the record keeps no reference into Kafka's fetch buffers. */
    byte[] payload() {
        return Arrays.copyOfRange(data, PREFIX_BYTES + headerLength, data.length);
    }
}
