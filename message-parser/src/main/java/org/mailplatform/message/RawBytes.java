package org.mailplatform.message;

import java.util.Arrays;

/**
 * Read access to the stored raw message, so {@link SectionLocator} can fetch just a header
 * section (e.g. with a substring query) instead of the whole message.
 */
@FunctionalInterface
public interface RawBytes {

    /** Octets {@code [start, end)} of the raw message. */
    byte[] read(long start, long end);

    static RawBytes of(byte[] raw) {
        return (start, end) -> Arrays.copyOfRange(raw, (int) start, (int) end);
    }
}
