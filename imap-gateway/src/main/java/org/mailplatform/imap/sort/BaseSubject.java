package org.mailplatform.imap.sort;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * The base subject of RFC 5256 2.1, which SORT SUBJECT and both THREAD algorithms compare.
 *
 * @param text           the base subject, not yet case-mapped
 * @param replyOrForward whether extraction removed a {@code Re:}/{@code Fwd:} leader, a
 *                       {@code (fwd)} trailer or a {@code [fwd: ...]} wrapper, which THREAD
 *                       REFERENCES uses when it merges threads by subject (RFC 5256 4, step 5)
 */
public record BaseSubject(String text, boolean replyOrForward) {

    public static final BaseSubject EMPTY = new BaseSubject("", false);

    /** Extracts the base subject from a Subject header value as sent (encoded words and all). */
    public static BaseSubject of(String subject) {
        if (subject == null || subject.isEmpty()) {
            return EMPTY;
        }
        return new Extraction(normalize(decode(subject))).run();
    }

    /** Step 1: RFC 2047 decoding; tabs and line breaks to spaces; runs of spaces to one. */
    private static String normalize(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean white = c == ' ' || c == '\t' || c == '\r' || c == '\n';
            if (white) {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }

    private static String decode(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }

    /**
     * Steps 2 to 7 over one subject. Every step removes a prefix or a suffix, so the text is
     * kept as a window [start, end) and cut once at the end: linear in the subject's length.
     */
    private static final class Extraction {

        private final String s;
        private int start;
        private int end;
        private boolean reply;
        /** Where a run of blobs ended that no subj-refwd followed; a leader cannot start inside it. */
        private int failedBlobRun = -1;

        Extraction(String s) {
            this.s = s;
            this.end = s.length();
        }

        BaseSubject run() {
            while (true) {
                failedBlobRun = -1;
                removeTrailers();
                removeLeadersAndBlobs();
                // Step 6: subj-fwd-hdr "[fwd:" ... subj-fwd-trl "]", then back to step 2.
                if (end - start >= 6 && s.regionMatches(true, start, "[fwd:", 0, 5) && s.charAt(end - 1) == ']') {
                    start += 5;
                    end--;
                    reply = true;
                    continue;
                }
                return new BaseSubject(s.substring(start, end), reply);
            }
        }

        /** Step 2: subj-trailer = "(fwd)" / WSP, repeatedly. */
        private void removeTrailers() {
            while (true) {
                if (end > start && s.charAt(end - 1) == ' ') {
                    end--;
                } else if (end - start >= 5 && s.regionMatches(true, end - 5, "(fwd)", 0, 5)) {
                    end -= 5;
                    reply = true;
                } else {
                    return;
                }
            }
        }

        /** Steps 3 to 5. */
        private void removeLeadersAndBlobs() {
            boolean changed = true;
            while (changed) {
                changed = false;
                int leader;
                while ((leader = leaderEnd()) > start) {
                    start = leader;
                    changed = true;
                }
                // Step 4: a leading subj-blob goes only when something is left after it.
                int blob = blobEnd(start);
                if (blob > start && blob < end) {
                    start = blob;
                    changed = true;
                }
            }
        }

        /** subj-leader = (*subj-blob subj-refwd) / WSP; where it ends, or {@code start}. */
        private int leaderEnd() {
            if (start < end && s.charAt(start) == ' ') {
                return start + 1;
            }
            if (start < failedBlobRun && s.charAt(start) == '[') {
                return start;
            }
            int pos = start;
            int blob;
            while ((blob = blobEnd(pos)) > pos) {
                pos = blob;
            }
            int refwd = refwdEnd(pos);
            if (refwd > pos) {
                reply = true;
                return refwd;
            }
            failedBlobRun = pos;
            return start;
        }

        /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"; where it ends, or {@code from}. */
        private int refwdEnd(int from) {
            int pos;
            if (matches(from, "re")) {
                pos = from + 2;
            } else if (matches(from, "fwd")) {
                pos = from + 3;
            } else if (matches(from, "fw")) {
                pos = from + 2;
            } else {
                return from;
            }
            while (pos < end && s.charAt(pos) == ' ') {
                pos++;
            }
            int blob = blobEnd(pos);
            if (blob > pos) {
                pos = blob;
            }
            return pos < end && s.charAt(pos) == ':' ? pos + 1 : from;
        }

        private boolean matches(int from, String word) {
            return from + word.length() <= end && s.regionMatches(true, from, word, 0, word.length());
        }

        /** subj-blob = "[" *BLOBCHAR "]" *WSP, BLOBCHAR being anything but brackets; its end, or {@code from}. */
        private int blobEnd(int from) {
            if (from >= end || s.charAt(from) != '[') {
                return from;
            }
            int pos = from + 1;
            while (pos < end && s.charAt(pos) != ']') {
                if (s.charAt(pos) == '[') {
                    return from;
                }
                pos++;
            }
            if (pos >= end) {
                return from;
            }
            pos++;
            while (pos < end && s.charAt(pos) == ' ') {
                pos++;
            }
            return pos;
        }
    }
}
