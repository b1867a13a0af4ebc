package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * The :matches wildcards of RFC 5228 2.7.1: '*' any sequence, '?' one character, backslash
 * quoting the next. Wildcards expand greedily (RFC 5229 3.2) and what each one matched is
 * returned for the match variables. Work is charged to a budget, so a hostile pattern ends in a
 * runtime error rather than a long search.
 */
final class Glob {

    static final int MAX_WILDCARDS = 256;

    /** Called with the units of work spent; throws when the run has no budget left. */
    interface Budget {
        void spend(int units);
    }

    private final int[] pattern;
    private final boolean[] literal;
    private final int[] text;
    private final Budget budget;
    private final int wildcards;
    private final int[][] spans;
    /** Positions (pattern index, text index) known to fail. */
    private final java.util.BitSet failed;
    private final int width;

    private Glob(String pattern, String text, Comparator comparator, Budget budget) {
        List<Integer> p = new ArrayList<>();
        List<Boolean> lit = new ArrayList<>();
        String folded = comparator.fold(pattern);
        for (int i = 0; i < folded.length(); ) {
            int c = folded.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\\' && i < folded.length()) {
                int next = folded.codePointAt(i);
                i += Character.charCount(next);
                p.add(next);
                lit.add(true);
            } else {
                p.add(c);
                lit.add(false);
            }
        }
        this.pattern = p.stream().mapToInt(Integer::intValue).toArray();
        this.literal = new boolean[lit.size()];
        int count = 0;
        for (int i = 0; i < literal.length; i++) {
            literal[i] = lit.get(i);
            if (!literal[i] && (this.pattern[i] == '*' || this.pattern[i] == '?')) {
                count++;
            }
        }
        this.wildcards = count;
        this.text = comparator.fold(text).codePoints().toArray();
        this.budget = budget;
        this.spans = new int[count][];
        this.width = this.text.length + 1;
        this.failed = new java.util.BitSet();
    }

    /**
     * @return null when the text does not match, else the whole text followed by what each
     *         wildcard matched (RFC 5229 3.2 ${0}, ${1}, ...)
     */
    static List<String> match(String pattern, String text, Comparator comparator, Budget budget) {
        Glob g = new Glob(pattern, text, comparator, budget);
        if (g.wildcards > MAX_WILDCARDS) {
            // Each '*' is a level of recursion: more than this is refused as over budget.
            budget.spend(Integer.MAX_VALUE);
        }
        if (!g.at(0, 0, 0)) {
            return null;
        }
        List<String> groups = new ArrayList<>(g.wildcards + 1);
        groups.add(text);
        int[] original = text.codePoints().toArray();
        for (int[] span : g.spans) {
            groups.add(new String(original, span[0], span[1] - span[0]));
        }
        return groups;
    }

    private boolean at(int pi, int ti, int wildcard) {
        // Literal runs are walked in a loop; only '*' branches, so recursion depth is the number of stars.
        while (true) {
            budget.spend(1);
            if (pi == pattern.length) {
                return ti == text.length;
            }
            int c = pattern[pi];
            if (!literal[pi] && c == '*') {
                long key = (long) pi * width + ti;
                if (key < Integer.MAX_VALUE && failed.get((int) key)) {
                    return false;
                }
                for (int end = text.length; end >= ti; end--) {
                    if (at(pi + 1, end, wildcard + 1)) {
                        spans[wildcard] = new int[] {ti, end};
                        return true;
                    }
                }
                if (key < Integer.MAX_VALUE) {
                    failed.set((int) key);
                }
                return false;
            }
            if (ti == text.length) {
                return false;
            }
            if (!literal[pi] && c == '?') {
                spans[wildcard] = new int[] {ti, ti + 1};
                wildcard++;
            } else if (c != text[ti]) {
                return false;
            }
            pi++;
            ti++;
        }
    }
}
