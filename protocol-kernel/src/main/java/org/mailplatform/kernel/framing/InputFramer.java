package org.mailplatform.kernel.framing;

import java.util.Arrays;

import org.mailplatform.kernel.Line;

/**
 * Splits one connection's input into lines, or into counted raw chunks when asked, without I/O: input
 * is fed chunk by chunk as it arrives, however it was split on the wire.
 *
 * <p>Lines end at LF (so a CR-less client still makes progress); whether the LF had a CR before it, and
 * whether a CR appears anywhere else, is reported on the {@link Line} for the protocol to judge. A line
 * never occupies more than {@code maxLineLength + 1} bytes of memory: past that its bytes are counted
 * and dropped up to the next LF, and the line is delivered as {@link Line#tooLong()} with its first
 * {@code maxLineLength} bytes. Nothing is buffered between lines, so an idle connection holds no buffer.
 * A line that runs on for {@code overlongLineAllowance} bytes past the limit without an LF is taken for
 * endless: the sink hears {@link Sink#lineOverflow()} and framing stops, since waiting for its end could
 * take forever and leave the client without an answer.
 *
 * <p>The sink may change the framing from inside its callbacks ({@link #readRaw(long)},
 * {@link #setMaxLineLength(int)}, {@link #discardRemaining()}); the change applies to the very next byte.
 * Not thread-safe: one thread feeds and receives callbacks at a time.
 */
public final class InputFramer {

    /** Receives the frames. */
    public interface Sink {

        void line(Line line);

        /** A piece of a raw read; {@code last} on the piece that completes it. */
        void raw(byte[] chunk, boolean last);

        /**
         * The line being read passed the limit and the allowance without ending; the rest of the input
         * is not framed. The connection should be closed.
         */
        void lineOverflow();
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int INITIAL_BUFFER = 128;

    private final Sink sink;
    private final long overlongLineAllowance;
    private int maxLineLength;
    private long linesFramed;
    private boolean overflowed;
    private long rawRemaining;
    private boolean stopped;
    // While a chunk is fed: where framing resumes after the frame being delivered, and where the chunk ends.
    private int resumeAt;
    private int feedEnd;

    // The line being assembled across chunks; absent while no partial line is pending.
    private byte[] partial;
    private int stored;
    private long seen;
    private boolean lastWasCr;
    private boolean bareCr;

    /** Framing that waits for the end of an over-long line however long it runs (tests). */
    public InputFramer(Sink sink, int maxLineLength) {
        this(sink, maxLineLength, Long.MAX_VALUE / 2);
    }

    /**
     * @param overlongLineAllowance bytes past {@code maxLineLength} read (and dropped) while waiting for the end of
     *                              an over-long line before it counts as endless
     */
    public InputFramer(Sink sink, int maxLineLength, long overlongLineAllowance) {
        this.sink = sink;
        this.overlongLineAllowance = overlongLineAllowance;
        setMaxLineLength(maxLineLength);
    }

    /**
     * Frames {@code data}. A raw chunk may be {@code data} itself when it covers all of it, so the
     * caller must not reuse the array.
     *
     * @return the number of bytes left unread because a callback called {@link #discardRemaining()} or a line
     *         overflowed (after which nothing more is read)
     */
    public int feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    public int feed(byte[] data, int offset, int length) {
        if (overflowed) {
            return length;
        }
        stopped = false;
        int position = offset;
        int end = offset + length;
        feedEnd = end;
        try {
            while (position < end && !stopped) {
                position = rawRemaining > 0 ? emitRaw(data, position, end) : scanLine(data, position, end);
            }
        } finally {
            resumeAt = 0;
            feedEnd = 0;
        }
        return end - position;
    }

    /**
     * True inside a callback when the chunk being fed holds bytes after the frame being delivered: the
     * client sent more before it could have seen the reply to this frame.
     */
    public boolean hasUnreadInput() {
        return !stopped && resumeAt < feedEnd;
    }

    /** The next {@code byteCount} bytes go to {@link Sink#raw} instead of being split into lines. */
    public void readRaw(long byteCount) {
        if (byteCount <= 0) {
            throw new IllegalArgumentException("a raw read needs at least one byte: " + byteCount);
        }
        if (rawRemaining > 0) {
            throw new IllegalStateException("a raw read of " + rawRemaining + " bytes is still in progress");
        }
        if (seen > 0) {
            throw new IllegalStateException("a raw read cannot start in the middle of a line");
        }
        rawRemaining = byteCount;
    }

    public void setMaxLineLength(int maxLineLength) {
        if (maxLineLength <= 0) {
            throw new IllegalArgumentException("maxLineLength must be positive: " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    public int maxLineLength() {
        return maxLineLength;
    }

    /** True when a raw read is in progress. */
    public boolean inRawRead() {
        return rawRemaining > 0;
    }

    /** True when part of a line has arrived and its LF has not. */
    public boolean inPartialLine() {
        return seen > 0;
    }

    /** Lines delivered so far: with {@link #inPartialLine()}, tells one pending line from the next. */
    public long linesFramed() {
        return linesFramed;
    }

    /** Drops the rest of the chunk being fed and any partial line or pending raw read. */
    public void discardRemaining() {
        stopped = true;
        rawRemaining = 0;
        resetLine();
    }

    private int emitRaw(byte[] data, int position, int end) {
        int count = (int) Math.min(rawRemaining, end - position);
        byte[] chunk = position == 0 && count == data.length ? data : Arrays.copyOfRange(data, position, position + count);
        rawRemaining -= count;
        resumeAt = position + count;
        sink.raw(chunk, rawRemaining == 0);
        return position + count;
    }

    private int scanLine(byte[] data, int position, int end) {
        int lf = indexOf(data, LF, position, end);
        long lineBytes = seen + ((lf < 0 ? end : lf) - position);
        // The CR of a CRLF is not part of the line, hence the one byte more.
        if (lineBytes > maxLineLength + 1L + overlongLineAllowance) {
            discardRemaining();
            overflowed = true;
            sink.lineOverflow();
            return end;
        }
        resumeAt = lf + 1;
        if (lf >= 0 && seen == 0) {
            emitWholeLine(data, position, lf);
        } else {
            append(data, position, lf < 0 ? end : lf);
            if (lf < 0) {
                return end;
            }
            emitAssembledLine();
        }
        return lf + 1;
    }

    /** The common case: a line that starts and ends in one chunk is copied once, never buffered. */
    private void emitWholeLine(byte[] data, int start, int lf) {
        boolean crlf = lf > start && data[lf - 1] == CR;
        int contentEnd = crlf ? lf - 1 : lf;
        boolean strayCr = indexOf(data, CR, start, contentEnd) >= 0;
        int length = contentEnd - start;
        boolean tooLong = length > maxLineLength;
        byte[] bytes = Arrays.copyOfRange(data, start, start + Math.min(length, maxLineLength));
        linesFramed++;
        sink.line(new Line(bytes, !crlf, strayCr, tooLong));
    }

    private void append(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            if (lastWasCr) {
                // This byte is not LF (LF ends the segment), so the CR before it was bare.
                bareCr = true;
            }
            lastWasCr = data[i] == CR;
        }
        // One byte beyond the limit is kept: it may be the CR of the terminator.
        int count = Math.min((maxLineLength + 1) - stored, to - from);
        if (count > 0) {
            ensureCapacity(stored + count);
            System.arraycopy(data, from, partial, stored, count);
            stored += count;
        }
        seen += to - from;
    }

    private void emitAssembledLine() {
        boolean crlf = lastWasCr;
        long length = seen - (crlf ? 1 : 0);
        // Bytes were dropped only past the limit in force while they arrived.
        boolean tooLong = length > maxLineLength || seen > stored;
        int kept = (int) Math.min(Math.min(length, maxLineLength), stored);
        byte[] bytes = partial == null ? new byte[0] : Arrays.copyOf(partial, kept);
        boolean strayCr = bareCr;
        resetLine();
        linesFramed++;
        sink.line(new Line(bytes, !crlf, strayCr, tooLong));
    }

    private void ensureCapacity(int needed) {
        if (partial == null) {
            partial = new byte[Math.min(Math.max(INITIAL_BUFFER, needed), maxLineLength + 1)];
        } else if (partial.length < needed) {
            partial = Arrays.copyOf(partial, Math.min(Math.max(partial.length * 2, needed), Math.max(maxLineLength + 1, needed)));
        }
    }

    private void resetLine() {
        partial = null;
        stored = 0;
        seen = 0;
        lastWasCr = false;
        bareCr = false;
    }

    private static int indexOf(byte[] data, byte value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
