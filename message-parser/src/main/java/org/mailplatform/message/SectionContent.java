package org.mailplatform.message;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a BODY[section] returns, as byte ranges of the raw message to send one after the other.
 *
 * @param found  false when the section does not exist in this message (a part number out of
 *               range, HEADER of a part that is not a message/rfc822, ...); the ranges are then
 *               empty and the server sends an empty string (RFC 3501 6.4.5 leaves the reply to it)
 * @param ranges the ranges, in order, never overlapping; adjacent ranges are merged
 */
public record SectionContent(boolean found, List<ByteRange> ranges) {

    public static final SectionContent NOT_FOUND = new SectionContent(false, List.of());

    public SectionContent {
        ranges = merge(ranges);
    }

    static SectionContent of(long start, long end) {
        return new SectionContent(true, List.of(new ByteRange(start, end)));
    }

    /** Octets in total. */
    public long length() {
        return ranges.stream().mapToLong(ByteRange::length).sum();
    }

    /**
     * RFC 3501 6.4.5 partial fetch {@code <origin.octets>}: the octets from {@code origin} on,
     * at most {@code count} of them; empty when origin is past the end.
     */
    public SectionContent partial(long origin, long count) {
        if (origin < 0 || count < 0) {
            throw new IllegalArgumentException("origin and count must not be negative");
        }
        List<ByteRange> out = new ArrayList<>();
        long skip = origin;
        long left = count;
        for (ByteRange range : ranges) {
            if (left == 0) {
                break;
            }
            if (skip >= range.length()) {
                skip -= range.length();
                continue;
            }
            long start = range.start() + skip;
            long end = Math.min(range.end(), start + left);
            out.add(new ByteRange(start, end));
            left -= end - start;
            skip = 0;
        }
        return new SectionContent(found, out);
    }

    public void writeTo(byte[] raw, OutputStream out) throws IOException {
        for (ByteRange range : ranges) {
            out.write(raw, (int) range.start(), (int) range.length());
        }
    }

    /** The octets themselves, copied out of the raw message. */
    public byte[] bytes(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) length());
        for (ByteRange range : ranges) {
            out.write(raw, (int) range.start(), (int) range.length());
        }
        return out.toByteArray();
    }

    private static List<ByteRange> merge(List<ByteRange> ranges) {
        if (ranges == null || ranges.isEmpty()) {
            return List.of();
        }
        List<ByteRange> merged = new ArrayList<>(ranges.size());
        for (ByteRange range : ranges) {
            if (range.length() == 0) {
                continue;
            }
            if (!merged.isEmpty() && merged.getLast().end() == range.start()) {
                merged.set(merged.size() - 1, new ByteRange(merged.getLast().start(), range.end()));
            } else {
                merged.add(range);
            }
        }
        return List.copyOf(merged);
    }
}
