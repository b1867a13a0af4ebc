package org.mailplatform.store.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A set of UIDs as sorted, disjoint, non-adjacent ranges, the shape of an IMAP sequence set
 * (RFC 9051 §9 sequence-set) after the gateway has resolved {@code *} and sequence numbers.
 * Queries take it as two arrays so a whole set is one statement, never one per message.
 */
public final class UidSet {

    /** RFC 9051 2.3.1.1: UIDs are non-zero 32-bit unsigned integers. */
    public static final long MAX_UID = 4294967295L;

    /** One closed range {@code low:high}. */
    public record Range(long low, long high) {
        public Range {
            if (low < 1 || high < low || high > MAX_UID) {
                throw new IllegalArgumentException("not a UID range: " + low + ":" + high);
            }
        }
    }

    private static final UidSet EMPTY = new UidSet(List.of());
    private static final UidSet ALL = new UidSet(List.of(new Range(1, MAX_UID)));

    private final List<Range> ranges;

    private UidSet(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static UidSet empty() {
        return EMPTY;
    }

    /** Every UID a mailbox can hold. */
    public static UidSet all() {
        return ALL;
    }

    public static UidSet range(long low, long high) {
        return new UidSet(List.of(new Range(low, high)));
    }

    public static UidSet of(long... uids) {
        List<Range> list = new ArrayList<>(uids.length);
        for (long uid : uids) {
            list.add(new Range(uid, uid));
        }
        return ofRanges(list);
    }

    public static UidSet of(Collection<Long> uids) {
        return of(uids.stream().mapToLong(Long::longValue).toArray());
    }

    /** Merges overlapping and adjacent ranges, in any order. */
    public static UidSet ofRanges(Collection<Range> input) {
        if (input.isEmpty()) {
            return EMPTY;
        }
        List<Range> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparingLong(Range::low));
        List<Range> merged = new ArrayList<>();
        Range current = sorted.getFirst();
        for (Range next : sorted.subList(1, sorted.size())) {
            if (next.low() <= current.high() + 1) {
                current = new Range(current.low(), Math.max(current.high(), next.high()));
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new UidSet(List.copyOf(merged));
    }

    public List<Range> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(long uid) {
        for (Range r : ranges) {
            if (uid >= r.low() && uid <= r.high()) {
                return true;
            }
        }
        return false;
    }

    long[] lows() {
        return ranges.stream().mapToLong(Range::low).toArray();
    }

    long[] highs() {
        return ranges.stream().mapToLong(Range::high).toArray();
    }

    /** IMAP sequence-set syntax, e.g. {@code 1:3,7}; empty string for the empty set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r.low());
            if (r.high() != r.low()) {
                sb.append(':').append(r.high());
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }
}
