package org.mailplatform.smtp;

import org.mailplatform.kernel.support.MessageMemory;

/**
 * The DATA phase (RFC 5321 4.1.1.4): lines until a line holding a single ".", with the leading
 * dot of every other line removed (4.5.2 transparency).
 *
 * <p>Smuggling defence: the end of data is CRLF "." CRLF only. A line ended by a bare LF, or
 * holding a bare CR, makes the whole message unacceptable (RFC 5321 2.3.8: CR and LF appear only
 * together); the session then refuses it and closes, so no byte after it can be read as a command.
 */
final class DataCollector {

    enum Outcome { MORE, COMPLETE, BARE_LINE_ENDING }

    private final MessageBuffer buffer;
    private boolean lineTooLong;

    DataCollector(long maxMessageSize, MessageMemory memory) {
        this(maxMessageSize, memory, 0);
    }

    /** @param prepaid memory already reserved for the message; see {@link MessageBuffer} */
    DataCollector(long maxMessageSize, MessageMemory memory, long prepaid) {
        this.buffer = new MessageBuffer(maxMessageSize, memory, prepaid);
    }

    Outcome line(byte[] content, boolean bareLf, boolean bareCr, boolean tooLong) {
        if (bareLf || bareCr) {
            return Outcome.BARE_LINE_ENDING;
        }
        if (tooLong) {
            lineTooLong = true;
            return Outcome.MORE;
        }
        if (content.length == 1 && content[0] == '.') {
            return Outcome.COMPLETE;
        }
        int skip = content.length > 0 && content[0] == '.' ? 1 : 0;
        buffer.append(content, skip, content.length - skip);
        buffer.crlf();
        return Outcome.MORE;
    }

    boolean overLimit() {
        return buffer.overLimit();
    }

    boolean memoryExhausted() {
        return buffer.memoryExhausted();
    }

    /** Gives the buffer's memory back; see {@link MessageBuffer#release()}. */
    void release() {
        buffer.release();
    }

    boolean hadLineTooLong() {
        return lineTooLong;
    }

    byte[] message() {
        return buffer.take();
    }
}
