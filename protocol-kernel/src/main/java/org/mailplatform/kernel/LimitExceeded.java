package org.mailplatform.kernel;

/**
 * Why the kernel is ending a connection: an input limit the client broke. The session hears it in
 * {@link ProtocolSession#onLimitExceeded(LimitExceeded)}, says the protocol's goodbye, and the kernel
 * closes the connection.
 */
public enum LimitExceeded {

    /**
     * A line passed the session's maximum line length and then {@link KernelSettings#overlongLineAllowance()}
     * more bytes without a line feed: the client is not going to end it (an over-long line that does end
     * within the allowance arrives as {@link Line#tooLong()} and the connection goes on).
     */
    LINE_TOO_LONG,

    /** A line was not complete {@link KernelSettings#lineTimeout()} after its first byte arrived. */
    LINE_TOO_SLOW,

    /**
     * A payload (a raw read: BDAT chunk, IMAP literal; or lines between {@link SessionContext#beginPayload()}
     * and {@link SessionContext#endPayload()}: SMTP DATA) arrived slower than
     * {@link KernelSettings#minPayloadRate()} over a {@link KernelSettings#payloadRateWindow()}.
     */
    PAYLOAD_TOO_SLOW,

    /**
     * The connection's deadline passed: {@link KernelSettings#loginTimeout()} after connecting without the
     * session calling {@link SessionContext#clearDeadline()}, or one the session set with
     * {@link SessionContext#setDeadline(java.time.Duration)}.
     */
    DEADLINE;

    /** True for the limits on time (a slow or stalling client), false for {@link #LINE_TOO_LONG}. */
    public boolean isTimeout() {
        return this != LINE_TOO_LONG;
    }
}
