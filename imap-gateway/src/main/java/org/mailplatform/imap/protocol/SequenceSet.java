package org.mailplatform.imap.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A sequence set: message sequence numbers or UIDs, e.g. {@code 1:5,7,9:*} (RFC 9051 9
 * {@code sequence-set}, RFC 3501 9), or {@code $}, the saved search result (RFC 5182 2.1).
 *
 * <p>{@code *} stands for the largest number in use and is only known when the set is applied
 * to a mailbox, so it is kept as {@link #STAR} and resolved by {@link #resolve(long)} and
 * {@link #contains(long, long)}. RFC 9051 9: a range may be written in either order
 * ({@code 5:2} is {@code 2:5}); a UID range {@code 559:*} includes the highest UID even when 559
 * is larger (RFC 9051 6.4.9), which resolving {@code *} first and ordering second gives.
 */
public final class SequenceSet {

    /** The value of {@code *} in a {@link Range}. */
    public static final long STAR = Long.MAX_VALUE;

    /** seq-number and uniqueid are nz-number, at most 4294967295 (RFC 9051 9). */
    public static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private static final SequenceSet SEARCH_RESULT = new SequenceSet(List.of(), true);

    /** One element of the set, as written: {@code first} may be larger than {@code last}. */
    public record Range(long first, long last) {

        public Range {
            if (!valid(first) || !valid(last)) {
                throw new IllegalArgumentException("Not a sequence number: " + first + ":" + last);
            }
        }

        private static boolean valid(long n) {
            return n == STAR || (n >= 1 && n <= MAX_NUMBER);
        }

        @Override
        public String toString() {
            return first == last ? wire(first) : wire(first) + ":" + wire(last);
        }

        private static String wire(long n) {
            return n == STAR ? "*" : Long.toString(n);
        }
    }

    private final List<Range> ranges;
    private final boolean searchResult;
    /** The set resolved for the last {@code max} asked about, so contains() is a binary search. */
    private Resolved resolved;

    /** Sorted, merged ranges for one value of {@code *}. */
    private record Resolved(long max, long[] firsts, long[] lasts) {

        static Resolved of(long max, List<Range> ranges) {
            long[] firsts = new long[ranges.size()];
            long[] lasts = new long[ranges.size()];
            for (int i = 0; i < firsts.length; i++) {
                firsts[i] = ranges.get(i).first();
                lasts[i] = ranges.get(i).last();
            }
            return new Resolved(max, firsts, lasts);
        }

        boolean contains(long n) {
            int i = Arrays.binarySearch(firsts, n);
            int candidate = i >= 0 ? i : -i - 2;
            return candidate >= 0 && n <= lasts[candidate];
        }
    }

    private SequenceSet(List<Range> ranges, boolean searchResult) {
        this.ranges = ranges;
        this.searchResult = searchResult;
    }

    /** Parses the wire form. */
    public static SequenceSet parse(String text) throws ImapSyntaxException {
        if (text.equals("$")) {
            return SEARCH_RESULT;
        }
        if (text.isEmpty() || text.startsWith(",") || text.endsWith(",")) {
            throw invalid(text);
        }
        // Every range is checked against every message: their number is bounded (CommandLimits).
        if (text.chars().filter(c -> c == ',').count() >= CommandLimits.MAX_SEQUENCE_RANGES) {
            throw CommandLimits.exceeded("Too many ranges in a sequence set");
        }
        List<Range> ranges = new ArrayList<>();
        for (String element : text.split(",", -1)) {
            int colon = element.indexOf(':');
            if (colon < 0) {
                long n = number(element, text);
                ranges.add(new Range(n, n));
            } else {
                long first = number(element.substring(0, colon), text);
                ranges.add(new Range(first, number(element.substring(colon + 1), text)));
            }
        }
        return new SequenceSet(List.copyOf(ranges), false);
    }

    private static long number(String s, String whole) throws ImapSyntaxException {
        if (s.equals("*")) {
            return STAR;
        }
        // Ten digits hold every nz-number; more cannot be valid and would overflow.
        if (s.isEmpty() || s.length() > 10 || s.charAt(0) == '0' || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(whole);
        }
        long n = Long.parseLong(s);
        if (n > MAX_NUMBER) {
            throw invalid(whole);
        }
        return n;
    }

    private static ImapSyntaxException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return new ImapSyntaxException("Invalid sequence set: " + shown);
    }

    /** {@code $}: the result saved by SEARCH ... RETURN (SAVE), RFC 5182. */
    public static SequenceSet searchResult() {
        return SEARCH_RESULT;
    }

    /** {@code first:last}. */
    public static SequenceSet range(long first, long last) {
        return new SequenceSet(List.of(new Range(first, last)), false);
    }

    /** The smallest set of ranges holding exactly {@code numbers} (any order, duplicates allowed). */
    public static SequenceSet of(long... numbers) {
        if (numbers.length == 0) {
            throw new IllegalArgumentException("A sequence set is never empty");
        }
        long[] sorted = numbers.clone();
        Arrays.sort(sorted);
        List<Range> ranges = new ArrayList<>();
        long start = sorted[0];
        long end = start;
        for (int i = 1; i < sorted.length; i++) {
            long n = sorted[i];
            if (n == end || n == end + 1) {
                end = n;
            } else {
                ranges.add(new Range(start, end));
                start = n;
                end = n;
            }
        }
        ranges.add(new Range(start, end));
        return new SequenceSet(List.copyOf(ranges), false);
    }

    public static SequenceSet of(Collection<Long> numbers) {
        return of(numbers.stream().mapToLong(Long::longValue).toArray());
    }

    /** Whether this is {@code $}; its numbers come from the session, not from this object. */
    public boolean isSearchResult() {
        return searchResult;
    }

    public boolean containsStar() {
        return ranges.stream().anyMatch(r -> r.first() == STAR || r.last() == STAR);
    }

    /** The ranges as written (empty for {@code $}). */
    public List<Range> ranges() {
        return ranges;
    }

    /**
     * The set with {@code *} replaced by {@code max} (the highest sequence number or UID in use,
     * 0 for an empty mailbox), each range in ascending order, sorted and overlapping or adjacent
     * ranges merged. Numbers above {@code max} stay: whether they are an error is the command's
     * decision. Empty when nothing remains (e.g. {@code *} in an empty mailbox).
     */
    public List<Range> resolve(long max) {
        requireConcrete();
        List<long[]> spans = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            long a = r.first() == STAR ? max : r.first();
            long b = r.last() == STAR ? max : r.last();
            long lo = Math.max(1, Math.min(a, b));
            long hi = Math.max(a, b);
            if (hi >= lo) {
                spans.add(new long[] {lo, hi});
            }
        }
        spans.sort(Comparator.comparingLong(s -> s[0]));
        List<Range> merged = new ArrayList<>(spans.size());
        long lo = 0;
        long hi = -1;
        for (long[] s : spans) {
            if (hi >= 0 && s[0] <= hi + 1) {
                hi = Math.max(hi, s[1]);
            } else {
                if (hi >= 0) {
                    merged.add(new Range(lo, hi));
                }
                lo = s[0];
                hi = s[1];
            }
        }
        if (hi >= 0) {
            merged.add(new Range(lo, hi));
        }
        return List.copyOf(merged);
    }

    /** {@link #resolve(long)} as a set, or null when nothing remains. */
    public SequenceSet normalized(long max) {
        List<Range> resolved = resolve(max);
        return resolved.isEmpty() ? null : new SequenceSet(resolved, false);
    }

    /**
     * Whether {@code n} is in the set when {@code *} means {@code max}. Commands ask this for every
     * message with the same {@code max}: the set is resolved once and then searched, so a set of
     * many ranges costs a logarithm per message, not a pass over all ranges.
     */
    public boolean contains(long n, long max) {
        requireConcrete();
        if (n < 1) {
            return false;
        }
        Resolved r = resolved;
        if (r == null || r.max() != max) {
            r = Resolved.of(max, resolve(max));
            resolved = r;
        }
        return r.contains(n);
    }

    /** How many distinct numbers the set holds when {@code *} means {@code max}. */
    public long size(long max) {
        long total = 0;
        for (Range r : resolve(max)) {
            total += r.last() - r.first() + 1;
        }
        return total;
    }

    private void requireConcrete() {
        if (searchResult) {
            throw new IllegalStateException("$ must be replaced by the saved search result first");
        }
    }

    /** The wire form, e.g. {@code 1:5,7,9:*} or {@code $}. */
    @Override
    public String toString() {
        if (searchResult) {
            return "$";
        }
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceSet other && searchResult == other.searchResult && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode() * 31 + (searchResult ? 1 : 0);
    }
}
