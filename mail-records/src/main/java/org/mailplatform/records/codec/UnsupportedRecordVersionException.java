package org.mailplatform.records.codec;

/** The record was written by a newer format than this reader knows: dead-letter it, don't guess. */
public final class UnsupportedRecordVersionException extends RecordFormatException {

    private final int version;
    private final int highestSupported;

    UnsupportedRecordVersionException(String what, int version, int highestSupported) {
        super(Problem.UNSUPPORTED_VERSION,
                what + " version " + version + " is newer than this reader supports (" + highestSupported + ")");
        this.version = version;
        this.highestSupported = highestSupported;
    }

    /** The version found in the record. */
    public int version() {
        return version;
    }

    /** The highest version this reader understands. */
    public int highestSupported() {
        return highestSupported;
    }
}
