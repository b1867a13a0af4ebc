package org.mailplatform.imap.protocol;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads IMAP commands from bytes as they arrive, doing no I/O itself (RFC 9051 2.2, 4;
 * RFC 3501 2.2, 4). Feed it any split of the input, one byte at a time if need be: the result is
 * the same.
 *
 * <p>{@link #next(ByteBuffer)} consumes input and returns one event at a time, or null when it
 * needs more bytes. It never consumes past the CRLF that ends a command, so bytes after it stay
 * in the caller's buffer until the command has run: the caller can switch to reading a
 * continuation line (AUTHENTICATE, IDLE) or discard pipelined input after STARTTLS
 * (CVE-2011-0411) before asking for the next command.
 *
 * <p>Limits ({@link ImapParserLimits}) are checked before memory is committed: a literal's size
 * when it is announced, before any of its bytes are read; a line's length as it grows. A refused
 * command is skipped to its end, including non-synchronizing literals the client sends without
 * waiting (RFC 7888 4), and the next command is read normally. Not thread-safe: one per connection.
 */
public final class ImapRequestParser {

    private enum State { LINE, LITERAL, DISCARD_LITERAL, DISCARD_LINE, CLOSED }

    /** The line buffer keeps its storage up to this size between lines. */
    private static final int KEEP_LINE_CAPACITY = 8192;

    private ImapParserLimits limits;
    private LiteralMode literalMode;
    private boolean utf8;

    private State state = State.LINE;
    private final ByteAccumulator line = new ByteAccumulator();
    private final LiteralMarker.Scanner discardScanner = new LiteralMarker.Scanner();
    private boolean continuationLineExpected;
    private CommandTokenizer command;
    private long commandSize;
    private ByteAccumulator literal;
    private long literalSize;
    private long literalRemaining;
    private boolean literalBinary;
    private long discardRemaining;

    public ImapRequestParser() {
        this(ImapParserLimits.defaults(), LiteralMode.LITERAL_PLUS);
    }

    public ImapRequestParser(ImapParserLimits limits, LiteralMode literalMode) {
        this.limits = limits;
        this.literalMode = literalMode;
    }

    public ImapParserLimits limits() {
        return limits;
    }

    /** New limits, e.g. larger ones once the client has authenticated; they apply at once. */
    public void setLimits(ImapParserLimits limits) {
        this.limits = limits;
    }

    public LiteralMode literalMode() {
        return literalMode;
    }

    public void setLiteralMode(LiteralMode literalMode) {
        this.literalMode = literalMode;
    }

    /**
     * After ENABLE UTF8=ACCEPT (RFC 6855 3) or IMAP4rev2 (RFC 9051 6.3.1): quoted strings may carry
     * UTF-8 from the next command on.
     */
    public void enableUtf8() {
        this.utf8 = true;
    }

    public boolean utf8Enabled() {
        return utf8;
    }

    /**
     * The next line is not a command but a response to a continuation request the server sent:
     * {@link #next} returns it as {@link ParseEvent.ContinuationLine}. Call between commands.
     */
    public void expectContinuationLine() {
        if (command != null || state != State.LINE) {
            throw new IllegalStateException("A command is being read");
        }
        continuationLineExpected = true;
    }

    /** Whether no part of a command or line has been consumed: nothing is buffered here. */
    public boolean isBetweenCommands() {
        return state == State.LINE && command == null && line.size() == 0;
    }

    /**
     * Octets of a literal that the parser is reading or skipping and has not received yet; 0 when
     * it waits for a line. A line-framing transport uses it to hand these octets over unframed: a
     * non-synchronizing literal (RFC 7888) is announced by no event, and its octets need not hold
     * line breaks at all.
     */
    public long pendingLiteralOctets() {
        return switch (state) {
            case LITERAL -> literalRemaining;
            case DISCARD_LITERAL -> discardRemaining;
            default -> 0;
        };
    }

    /** Forgets everything read so far (e.g. after STARTTLS, RFC 9051 6.2.1). */
    public void reset() {
        state = State.LINE;
        line.clear(0);
        command = null;
        commandSize = 0;
        literal = null;
        continuationLineExpected = false;
        discardScanner.reset();
    }

    /** Bytes of storage held for the line and the literal being read. */
    long retainedBytes() {
        return line.array().length + (literal == null ? 0 : literal.array().length);
    }

    /**
     * Consumes bytes from {@code input} until an event occurs or the input is used up.
     *
     * @return the event, or null when all of {@code input} was consumed without completing one
     */
    public ParseEvent next(ByteBuffer input) {
        while (input.hasRemaining()) {
            ParseEvent event = switch (state) {
                case LINE -> readLine(input);
                case LITERAL -> readLiteral(input);
                case DISCARD_LITERAL -> discardLiteral(input);
                case DISCARD_LINE -> discardLine(input);
                case CLOSED -> {
                    input.position(input.limit());
                    yield null;
                }
            };
            if (event != null) {
                return event;
            }
        }
        // A zero-length literal completes without input.
        if (state == State.LITERAL && literalRemaining == 0) {
            readLiteral(input);
        }
        return null;
    }

    private ParseEvent readLine(ByteBuffer in) {
        int start = in.position();
        int end = in.limit();
        int lf = -1;
        for (int i = start; i < end; i++) {
            if (in.get(i) == '\n') {
                lf = i;
                break;
            }
        }
        int chunk = (lf < 0 ? end : lf) - start;
        // One octet over the line limit leaves room for the CR before LF.
        long lineRoom = limits.maxLineLength() + 1L - line.size();
        long commandRoom = limits.maxCommandSize() - commandSize - line.size();
        if (chunk > lineRoom || chunk > commandRoom) {
            boolean lineLimit = lineRoom <= commandRoom;
            int take = (int) Math.max(0, Math.min(lineRoom, commandRoom));
            line.append(in, take, take + line.size());
            return lineTooLong(lineLimit ? "Line too long" : "Command too long");
        }
        line.append(in, chunk, limits.maxLineLength() + 1L);
        if (lf < 0) {
            return null;
        }
        in.get();
        int length = line.size();
        if (length > 0 && line.byteAt(length - 1) == '\r') {
            length--;
        }
        if (length > limits.maxLineLength()) {
            String tag = unparsedTag();
            LiteralMarker marker = LiteralMarker.atEndOf(line.array(), length);
            line.clear(KEEP_LINE_CAPACITY);
            return failCommand(tag, ImapStatus.BAD, ResponseCode.TOOBIG, "Line too long", marker);
        }
        commandSize += line.size() + 1;
        ParseEvent event = lineComplete(line.array(), length);
        line.clear(KEEP_LINE_CAPACITY);
        return event;
    }

    private ParseEvent lineComplete(byte[] bytes, int length) {
        if (command == null) {
            if (continuationLineExpected) {
                continuationLineExpected = false;
                commandSize = 0;
                return new ParseEvent.ContinuationLine(Arrays.copyOf(bytes, length));
            }
            if (length == 0) {
                commandSize = 0;
                return new ParseEvent.ParseError(null, ImapStatus.BAD, null, "Empty command line", false);
            }
            command = new CommandTokenizer(limits, utf8);
        }
        LiteralMarker marker;
        try {
            marker = command.readLine(bytes, length);
        } catch (ImapSyntaxException e) {
            return failCommand(command.tag(), ImapStatus.BAD, e.code(), e.getMessage(),
                    LiteralMarker.atEndOf(bytes, length));
        }
        if (marker == null) {
            ImapRequest request = new ImapRequest(command.tag(), command.name(), command.arguments(), commandSize);
            command = null;
            commandSize = 0;
            return new ParseEvent.CommandReady(request);
        }
        return beginLiteral(marker);
    }

    private ParseEvent beginLiteral(LiteralMarker marker) {
        if (marker.nonSynchronizing()) {
            if (literalMode == LiteralMode.SYNCHRONIZING_ONLY) {
                return failCommand(command.tag(), ImapStatus.BAD, null,
                        "Non-synchronizing literals are not supported", marker);
            }
            // RFC 7888 5: a LITERAL- server refuses {n+} over 4096 octets with BAD and TOOBIG.
            if (literalMode == LiteralMode.LITERAL_MINUS && marker.size() > LiteralMode.LITERAL_MINUS_MAX) {
                return failCommand(command.tag(), ImapStatus.BAD, ResponseCode.TOOBIG,
                        "Non-synchronizing literal larger than 4096 octets", marker);
            }
        }
        // Checked before a single octet of the literal is read (RFC 9051 7.1 TOOBIG, RFC 7889).
        if (marker.size() > limits.literalLimitFor(command.name())) {
            return failCommand(command.tag(), ImapStatus.NO, ResponseCode.TOOBIG, "Literal too big", marker);
        }
        if (marker.size() > limits.maxCommandSize() - commandSize) {
            return failCommand(command.tag(), ImapStatus.NO, ResponseCode.TOOBIG, "Command too big", marker);
        }
        commandSize += marker.size();
        literalSize = marker.size();
        literalRemaining = marker.size();
        literalBinary = marker.binary();
        literal = new ByteAccumulator();
        state = State.LITERAL;
        return marker.nonSynchronizing() ? null : new ParseEvent.ContinuationNeeded(command.tag(), marker.size());
    }

    private ParseEvent readLiteral(ByteBuffer in) {
        int n = (int) Math.min(literalRemaining, in.remaining());
        if (n > 0) {
            literal.append(in, n, literalSize);
            literalRemaining -= n;
        }
        if (literalRemaining == 0) {
            command.addLiteral(literal.take(), literalBinary);
            literal = null;
            state = State.LINE;
        }
        return null;
    }

    /**
     * Reports a refused command and skips what is left of it. The line that failed is complete;
     * if it announces a non-synchronizing literal the client is sending it anyway, so its octets
     * and the lines after it are skipped too. After a synchronizing literal the client waits for
     * a continuation that is not coming and takes the tagged reply as the command's end.
     */
    private ParseEvent failCommand(String tag, ImapStatus status, ResponseCode code, String message,
            LiteralMarker marker) {
        command = null;
        commandSize = 0;
        if (marker != null && marker.nonSynchronizing()) {
            if (marker.size() > limits.maxDiscardSize()) {
                return close(tag, message);
            }
            discardRemaining = marker.size();
            state = State.DISCARD_LITERAL;
        } else {
            state = State.LINE;
        }
        return new ParseEvent.ParseError(tag, status, code, message, false);
    }

    /** The line outgrew its limit before its end: report it now and skip to the end of the command. */
    private ParseEvent lineTooLong(String message) {
        String tag = unparsedTag();
        discardScanner.reset();
        for (int i = 0; i < line.size(); i++) {
            discardScanner.accept(line.byteAt(i));
        }
        line.clear(KEEP_LINE_CAPACITY);
        command = null;
        commandSize = 0;
        state = State.DISCARD_LINE;
        return new ParseEvent.ParseError(tag, ImapStatus.BAD, ResponseCode.TOOBIG, message, false);
    }

    private ParseEvent discardLiteral(ByteBuffer in) {
        int n = (int) Math.min(discardRemaining, in.remaining());
        in.position(in.position() + n);
        discardRemaining -= n;
        if (discardRemaining == 0) {
            discardScanner.reset();
            state = State.DISCARD_LINE;
        }
        return null;
    }

    private ParseEvent discardLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b != '\n') {
                discardScanner.accept(b);
                continue;
            }
            LiteralMarker marker = discardScanner.marker();
            if (marker != null && marker.nonSynchronizing()) {
                if (marker.size() > limits.maxDiscardSize()) {
                    return close(null, "Literal too big");
                }
                discardRemaining = marker.size();
                state = State.DISCARD_LITERAL;
            } else {
                state = State.LINE;
            }
            return null;
        }
        return null;
    }

    /** RFC 7888 4: rather than read a huge literal only to drop it, the server may close. */
    private ParseEvent close(String tag, String message) {
        state = State.CLOSED;
        return new ParseEvent.ParseError(tag, ImapStatus.BYE, ResponseCode.TOOBIG, message, true);
    }

    /** The tag of a command refused before its line was parsed, when one can be told. */
    private String unparsedTag() {
        if (continuationLineExpected) {
            continuationLineExpected = false;
            return null;
        }
        return command != null ? command.tag() : tagOf(line);
    }

    /** The tag at the start of a line that will not be parsed, if it looks like one. */
    private static String tagOf(ByteAccumulator line) {
        int i = 0;
        while (i < line.size() && ImapStrings.isTagChar(line.byteAt(i))) {
            i++;
        }
        if (i == 0 || i >= line.size() || line.byteAt(i) != ' ') {
            return null;
        }
        return new String(line.array(), 0, i, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
