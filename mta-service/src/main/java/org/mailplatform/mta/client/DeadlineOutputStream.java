package org.mailplatform.mta.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Socket output with a deadline per write. Java sockets have no write timeout; a peer that stops
 * reading would block the sender forever. RFC 5321 4.5.3.2.5 gives each data block three minutes:
 * when a write takes longer, the socket is closed, which ends the blocked write.
 */
final class DeadlineOutputStream extends OutputStream {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("smtp-client-write-deadline").factory());

    private final OutputStream out;
    private final Socket socket;
    private volatile Duration timeout;
    private volatile boolean expired;

    DeadlineOutputStream(OutputStream out, Socket socket, Duration timeout) {
        this.out = out;
        this.socket = socket;
        this.timeout = timeout;
    }

    void timeout(Duration value) {
        this.timeout = value;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ScheduledFuture<?> alarm = TIMER.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw expired ? timedOut() : e;
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public void flush() throws IOException {
        ScheduledFuture<?> alarm = TIMER.schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.flush();
        } catch (IOException e) {
            throw expired ? timedOut() : e;
        } finally {
            alarm.cancel(false);
        }
    }

    private SocketTimeoutException timedOut() {
        return new SocketTimeoutException("write did not complete within " + timeout);
    }

    private void expire() {
        expired = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is the whole point; a failure to close leaves nothing to do.
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
