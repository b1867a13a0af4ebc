package org.mailplatform.kernel.netty;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLSession;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibWrapper;
import io.netty.handler.ssl.SslHandler;
import org.mailplatform.kernel.LimitExceeded;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.kernel.TlsInfo;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.kernel.framing.InputFramer;
import org.mailplatform.kernel.support.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One admitted connection: buffers its input, frames and hands it to the protocol session on the
 * session's own serial executor, and implements the {@link SessionContext} the session talks to.
 *
 * <p>Input is framed on the session thread, not the network thread, so that a framing change a callback
 * makes (a raw read for a literal, a new line limit, STARTTLS discarding what follows) applies exactly at
 * the next byte however much input arrived in the same packet.
 */
final class NettyConnection implements SessionContext, InputFramer.Sink, SlowClientGuard.Connection, OutputStallGuard.Connection {

    private static final Logger log = LoggerFactory.getLogger(NettyConnection.class);
    static final String TLS_HANDLER = "tls";
    static final String IDLE_HANDLER = "idle";
    static final String INFLATE_HANDLER = "inflate";
    static final String DEFLATE_HANDLER = "deflate";
    private static final int FLUSH_THRESHOLD = 32 * 1024;
    // How long input is still read and dropped after the farewell of a limit, so that the client sees it.
    private static final Duration LINGER = Duration.ofSeconds(2);

    private final KernelRuntime runtime;
    private final Channel channel;
    private final ListenerSpec listener;
    private final ListenerMetrics metrics;
    private final String id;
    private final InetSocketAddress client;
    private final InetSocketAddress local;
    private final SerialExecutor serial;
    private final InputFramer framer;
    private final Runnable releasePlace;
    private final SlowClientGuard guard;
    private final OutputStallGuard outputGuard;

    private ProtocolSession session;
    private boolean closeDelivered;
    private boolean payloadMarked;

    private final ReentrantLock inputLock = new ReentrantLock();
    private ArrayDeque<byte[]> input;
    private long buffered;
    private boolean inputScheduled;
    private boolean started;
    private boolean discardingPlaintext;
    private long discardedPlaintext;
    private volatile boolean readingPaused;
    // Reading stops while the client does not take its output (set and cleared on the event loop).
    private volatile boolean outputPaused;
    private final ReentrantLock writableLock = new ReentrantLock();
    private final Condition writableAgain = writableLock.newCondition();

    private final ReentrantLock outputLock = new ReentrantLock();
    private ByteArrayOutputStream pending;

    private volatile boolean closing;
    private volatile boolean lingerOnClose;
    private volatile boolean tlsRequested;
    private volatile boolean compressing;
    private volatile TlsInfo tlsInfo;
    private volatile CompletableFuture<TlsInfo> startTlsResult;

    /** @param releasePlace gives the connection's place under the connection limits back; may run more than once */
    NettyConnection(KernelRuntime runtime, Channel channel, ListenerSpec listener, ListenerMetrics metrics, String id,
                    InetSocketAddress client, InetSocketAddress local, Runnable releasePlace) {
        this.releasePlace = releasePlace;
        this.runtime = runtime;
        this.channel = channel;
        this.listener = listener;
        this.metrics = metrics;
        this.id = id;
        this.client = client;
        this.local = local;
        this.serial = new SerialExecutor(runtime.sessionExecutor);
        this.framer = new InputFramer(this, runtime.settings.maxLineLength(), runtime.settings.overlongLineAllowance());
        this.guard = new SlowClientGuard(channel.eventLoop(), runtime.settings, this);
        guard.setDeadline(runtime.settings.loginTimeout());
        this.outputGuard = new OutputStallGuard(channel.eventLoop(), runtime.settings.writeTimeout(),
                runtime.settings.writeBufferHighWaterMark() / 2, this);
    }

    // ---- events from the network thread ----

    /** Opens the protocol session; input that arrived before is processed after its greeting. */
    void start() {
        submit(this::openSession);
        if (runtime.isShuttingDown()) {
            shutdown();
        }
        boolean schedule;
        inputLock.lock();
        try {
            started = true;
            schedule = input != null && !input.isEmpty() && !inputScheduled;
            inputScheduled |= schedule;
        } finally {
            inputLock.unlock();
        }
        if (schedule) {
            submit(this::processInput);
        }
    }

    void received(byte[] bytes) {
        boolean schedule;
        long total;
        inputLock.lock();
        try {
            if (closing) {
                return;
            }
            if (discardingPlaintext) {
                discardedPlaintext += bytes.length;
                return;
            }
            if (input == null) {
                input = new ArrayDeque<>(4);
            }
            input.add(bytes);
            buffered += bytes.length;
            guard.received(bytes.length);
            total = buffered;
            schedule = started && !inputScheduled;
            inputScheduled |= schedule;
        } finally {
            inputLock.unlock();
        }
        if (total >= runtime.settings.maxBufferedInput() && !readingPaused) {
            // Back-pressure: the session is behind; stop reading until it catches up.
            readingPaused = true;
            guard.readingPaused();
            channel.config().setAutoRead(false);
            // The session may have drained the input between the count above and the pause, and then
            // found no pause to lift: look again once the pause is in place, or reading never resumes.
            resumeReadingIfDrained();
        }
        if (schedule) {
            submit(this::processInput);
        }
    }

    /** The client was silent for the idle timeout; ignored while the session is still working. */
    void idle() {
        if (!started) {
            channel.close();
            return;
        }
        if (serial.isBusy() || bufferedInput() > 0) {
            return;
        }
        submit(() -> {
            deliver("idle timeout", () -> session.onIdleTimeout());
            close();
        });
    }

    /**
     * The channel's output crossed a water mark. Above the high one the client is not reading what it asked
     * for: reading its further commands stops (a pipelining client cannot make the server queue responses
     * without bound) and the stall clock runs; below the low one both resume.
     */
    void writabilityChanged(boolean writable) {
        outputPaused = !writable;
        outputGuard.writabilityChanged(writable);
        if (writable) {
            signalWritable();
            if (!readingPaused && !closing) {
                channel.config().setAutoRead(true);
            }
        } else {
            guard.readingPaused();
            channel.config().setAutoRead(false);
        }
    }

    void shutdown() {
        submit(() -> deliver("shutdown", () -> session.onShutdown()));
    }

    void tlsEstablished(TlsInfo info) {
        tlsInfo = info;
        reportDiscardedPlaintext();
        CompletableFuture<TlsInfo> result = startTlsResult;
        if (result != null) {
            result.complete(info);
        }
    }

    void tlsFailed(Throwable cause) {
        reportDiscardedPlaintext();
        CompletableFuture<TlsInfo> result = startTlsResult;
        if (result != null) {
            result.completeExceptionally(cause);
        }
    }

    /** The channel is closed: unprocessed input is dropped, and the session hears of it last. */
    void closed() {
        closing = true;
        guard.stop();
        outputGuard.stop();
        signalWritable();
        reportDiscardedPlaintext();
        clearInput();
        CompletableFuture<TlsInfo> result = startTlsResult;
        if (result != null && !result.isDone()) {
            result.completeExceptionally(new ClosedChannelException());
        }
        try {
            serial.execute(this::deliverClose);
        } catch (RejectedExecutionException e) {
            runtime.unregister(this);
        }
    }

    // ---- session thread ----

    private void openSession() {
        MDC.put("session", id);
        try {
            session = runtime.factory.open(this);
            session.onConnect();
        } catch (RuntimeException | Error e) {
            fail("open", e);
        } finally {
            flushQuietly();
            MDC.remove("session");
        }
    }

    private void processInput() {
        MDC.put("session", id);
        try {
            while (true) {
                byte[] chunk;
                inputLock.lock();
                try {
                    chunk = input == null ? null : input.poll();
                    if (chunk == null) {
                        inputScheduled = false;
                        input = null;
                        return;
                    }
                } finally {
                    inputLock.unlock();
                }
                if (!closing && session != null) {
                    awaitWritable();
                }
                if (!closing && session != null) {
                    try {
                        int unread = framer.feed(chunk);
                        if (unread > 0 && tlsRequested && tlsInfo == null) {
                            countDiscardedPlaintext(unread);
                        }
                        reportInputState();
                    } catch (RuntimeException | Error e) {
                        fail("input", e);
                    }
                }
                consumed(chunk.length);
            }
        } finally {
            flushQuietly();
            MDC.remove("session");
        }
    }

    @Override
    public void line(Line line) {
        if (closing) {
            framer.discardRemaining();
            return;
        }
        session.onLine(line);
    }

    @Override
    public void raw(byte[] chunk, boolean last) {
        if (closing) {
            framer.discardRemaining();
            return;
        }
        session.onRawBytes(chunk, last);
    }

    @Override
    public void lineOverflow() {
        if (closing) {
            return;
        }
        reportLimit(LimitExceeded.LINE_TOO_LONG);
        lingerOnClose = true;
        session.onLimitExceeded(LimitExceeded.LINE_TOO_LONG);
        close();
    }

    // ---- limits on slow clients ----

    @Override
    public boolean serverBehind() {
        return readingPaused || outputPaused || serial.isBusy() || bufferedInput() > 0;
    }

    @Override
    public void exceeded(LimitExceeded limit, BooleanSupplier stillApplies) {
        submit(() -> {
            if (closing || !stillApplies.getAsBoolean()) {
                return;
            }
            reportLimit(limit);
            lingerOnClose = true;
            deliver("limit " + limit, () -> session.onLimitExceeded(limit));
            close();
        });
    }

    @Override
    public long pendingOutputBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    /** Output queued for this client: written to the channel and not yet taken, plus not yet flushed. */
    long queuedOutputBytes() {
        ByteArrayOutputStream unflushed = pending;
        return pendingOutputBytes() + (unflushed == null ? 0 : unflushed.size());
    }

    /**
     * On the event loop. No farewell: the client is not reading, and a reply would only queue behind the rest.
     * Also ends a connection whose own farewell (a limit's, QUIT's) the client never reads.
     */
    @Override
    public void outputStalled(Duration timeout) {
        closing = true;
        metrics.writeTimeout();
        log.info("Session {} ({} {} from {}): client took less than {} bytes of {} bytes of output in {}; closing", id,
                runtime.protocol, listener.name(), client, runtime.settings.writeBufferHighWaterMark() / 2, pendingOutputBytes(),
                timeout);
        releasePlace.run();
        channel.close();
    }

    private void reportLimit(LimitExceeded limit) {
        metrics.limitExceeded(limit);
        log.info("Session {} ({} {} from {}): {}; closing", id, runtime.protocol, listener.name(), client, switch (limit) {
            case LINE_TOO_LONG -> "line longer than " + framer.maxLineLength() + " bytes without end";
            case LINE_TOO_SLOW -> "line not complete within " + runtime.settings.lineTimeout();
            case PAYLOAD_TOO_SLOW -> "payload slower than " + runtime.settings.minPayloadRate() + " bytes/s";
            case DEADLINE -> "deadline passed";
        });
    }

    /** Tells the guard whether a line is pending and whether a payload is being read, after input or a framing change. */
    private void reportInputState() {
        guard.inputState(framer.inPartialLine() ? framer.linesFramed() : -1, framer.inRawRead() || payloadMarked);
    }

    private void deliver(String what, Runnable callback) {
        if (closing || session == null) {
            return;
        }
        MDC.put("session", id);
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            fail(what, e);
        } finally {
            flushQuietly();
            MDC.remove("session");
        }
    }

    private void deliverClose() {
        try {
            if (session != null && !closeDelivered) {
                closeDelivered = true;
                MDC.put("session", id);
                session.onClose();
            }
        } catch (RuntimeException | Error e) {
            log.warn("Session {} failed while closing", id, e);
        } finally {
            MDC.remove("session");
            runtime.unregister(this);
        }
    }

    private void fail(String during, Throwable cause) {
        metrics.sessionError();
        log.error("Session {} ({} {} from {}) failed in {}; closing the connection", id, runtime.protocol, listener.name(), client, during, cause);
        byte[] reply;
        try {
            reply = runtime.factory.internalErrorReply();
        } catch (RuntimeException e) {
            reply = new byte[0];
        }
        closeAfter(reply);
    }

    // ---- SessionContext ----

    @Override
    public String sessionId() {
        return id;
    }

    @Override
    public String listenerName() {
        return listener.name();
    }

    @Override
    public TlsMode tlsMode() {
        return listener.tlsMode();
    }

    @Override
    public InetSocketAddress clientAddress() {
        return client;
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public boolean tlsActive() {
        return tlsInfo != null;
    }

    @Override
    public Optional<TlsInfo> tlsInfo() {
        return Optional.ofNullable(tlsInfo);
    }

    @Override
    public Optional<SSLSession> sslSession() {
        SslHandler handler = tlsInfo == null ? null : channel.pipeline().get(SslHandler.class);
        return handler == null ? Optional.empty() : Optional.of(handler.engine().getSession());
    }

    @Override
    public boolean canStartTls() {
        return listener.tlsMode() == TlsMode.STARTTLS && runtime.tls != null && !tlsRequested && !closing;
    }

    @Override
    public boolean isOpen() {
        return !closing && channel.isActive();
    }

    @Override
    public void write(byte[] bytes) {
        outputLock.lock();
        try {
            if (appendLocked(bytes) && pending.size() >= FLUSH_THRESHOLD) {
                flushLocked();
            }
        } finally {
            outputLock.unlock();
        }
    }

    private boolean appendLocked(byte[] bytes) {
        if (closing) {
            return false;
        }
        if (pending == null) {
            pending = new ByteArrayOutputStream(Math.max(256, bytes.length));
        }
        pending.write(bytes, 0, bytes.length);
        return true;
    }

    @Override
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
        outputLock.lock();
        try {
            flushLocked();
        } finally {
            outputLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> writeAndFlush(byte[] bytes) {
        outputLock.lock();
        try {
            if (!appendLocked(bytes)) {
                return CompletableFuture.failedFuture(new ClosedChannelException());
            }
            return toCompletable(flushLocked());
        } finally {
            outputLock.unlock();
        }
    }

    @Override
    public CompletableFuture<Void> writeAndFlush(String text) {
        return writeAndFlush(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public CompletableFuture<TlsInfo> startTls(byte[] goAheadReply) {
        requireSessionThread("startTls");
        if (!canStartTls()) {
            throw new IllegalStateException("STARTTLS is not available on this connection (listener " + listener.name()
                    + ", mode " + listener.tlsMode() + (tlsRequested ? ", already started" : "") + ")");
        }
        tlsRequested = true;
        CompletableFuture<TlsInfo> result = new CompletableFuture<>();
        startTlsResult = result;
        // CVE-2011-0411: whatever followed the STARTTLS line arrived in plaintext and is dropped unread;
        // RFC 3207 §4.2 likewise has the server forget what it learned before TLS.
        framer.discardRemaining();
        reportInputState();
        inputLock.lock();
        try {
            discardingPlaintext = true;
            if (input != null) {
                long queued = input.stream().mapToLong(chunk -> chunk.length).sum();
                discardedPlaintext += queued;
                buffered = Math.max(0, buffered - queued);
                input.clear();
            }
        } finally {
            inputLock.unlock();
        }
        byte[] plaintext;
        outputLock.lock();
        try {
            ByteArrayOutputStream out = pending == null ? new ByteArrayOutputStream(goAheadReply.length) : pending;
            out.write(goAheadReply, 0, goAheadReply.length);
            plaintext = out.toByteArray();
            pending = null;
        } finally {
            outputLock.unlock();
        }
        channel.eventLoop().execute(() -> insertTlsHandler(plaintext, result));
        return result;
    }

    /**
     * On the network thread, so no read can slip in between: from here on every byte passes the TLS
     * handler, and the go-ahead is the one write it lets through unencrypted.
     */
    private void insertTlsHandler(byte[] goAhead, CompletableFuture<TlsInfo> result) {
        if (!channel.isActive()) {
            result.completeExceptionally(new ClosedChannelException());
            return;
        }
        SslHandler tls = TlsHandlers.newHandler(runtime, channel, true);
        channel.pipeline().addBefore(IDLE_HANDLER, TLS_HANDLER, tls);
        inputLock.lock();
        try {
            discardingPlaintext = false;
        } finally {
            inputLock.unlock();
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(goAhead));
        resumeReadingIfDrained();
    }

    @Override
    public CompletableFuture<Void> startCompression(byte[] goAheadReply) {
        requireSessionThread("startCompression");
        if (compressing) {
            throw new IllegalStateException("compression is already on");
        }
        compressing = true;
        byte[] uncompressed;
        outputLock.lock();
        try {
            ByteArrayOutputStream out = pending == null ? new ByteArrayOutputStream(goAheadReply.length) : pending;
            out.write(goAheadReply, 0, goAheadReply.length);
            uncompressed = out.toByteArray();
            pending = null;
        } finally {
            outputLock.unlock();
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        channel.eventLoop().execute(() -> insertCompression(uncompressed, result));
        return result;
    }

    @Override
    public boolean compressionActive() {
        return compressing;
    }

    /**
     * On the network thread, so no read or write slips in between: the inflater sees every byte read
     * after this, the go-ahead leaves uncompressed, and every write after it passes the deflater.
     * Both sit next to the network, inside TLS (RFC 4978 3).
     */
    private void insertCompression(byte[] goAhead, CompletableFuture<Void> result) {
        if (!channel.isActive()) {
            result.completeExceptionally(new ClosedChannelException());
            return;
        }
        // Netty's decoder hands inflated input on in bounded pieces and reads on only when asked, so
        // a small input that inflates hugely is paused like any other input.
        channel.pipeline().addBefore(IDLE_HANDLER, INFLATE_HANDLER, ZlibCodecFactory.newZlibDecoder(ZlibWrapper.NONE));
        channel.writeAndFlush(Unpooled.wrappedBuffer(goAhead));
        channel.pipeline().addBefore(IDLE_HANDLER, DEFLATE_HANDLER, ZlibCodecFactory.newZlibEncoder(ZlibWrapper.NONE));
        result.complete(null);
    }

    @Override
    public void readRaw(long byteCount) {
        requireSessionThread("readRaw");
        framer.readRaw(byteCount);
        reportInputState();
    }

    @Override
    public void setDeadline(Duration fromNow) {
        if (fromNow.isNegative() || fromNow.isZero()) {
            throw new IllegalArgumentException("deadline must be in the future: " + fromNow);
        }
        guard.setDeadline(fromNow);
    }

    @Override
    public void restartLoginDeadline() {
        guard.setDeadline(runtime.settings.loginTimeout());
    }

    @Override
    public void clearDeadline() {
        guard.clearDeadline();
    }

    @Override
    public void beginPayload() {
        requireSessionThread("beginPayload");
        payloadMarked = true;
        reportInputState();
    }

    @Override
    public void endPayload() {
        requireSessionThread("endPayload");
        payloadMarked = false;
        reportInputState();
    }

    @Override
    public void setMaxLineLength(int maxLineLength) {
        requireSessionThread("setMaxLineLength");
        framer.setMaxLineLength(maxLineLength);
    }

    @Override
    public int maxLineLength() {
        return framer.maxLineLength();
    }

    @Override
    public boolean inputPending() {
        requireSessionThread("inputPending");
        if (framer.hasUnreadInput()) {
            return true;
        }
        inputLock.lock();
        try {
            return input != null && !input.isEmpty();
        } finally {
            inputLock.unlock();
        }
    }

    @Override
    public void setIdleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + timeout);
        }
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(IDLE_HANDLER) != null) {
                channel.pipeline().replace(IDLE_HANDLER, IDLE_HANDLER, ChannelSetup.idleHandler(timeout));
            }
        });
    }

    @Override
    public void execute(Runnable task) {
        submit(() -> deliver("task", task));
    }

    @Override
    public void close() {
        closeAfter(new byte[0]);
    }

    @Override
    public void closeAfter(byte[] finalReply) {
        outputLock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            releasePlace.run();
            byte[] last = finalReply;
            if (pending != null) {
                pending.write(finalReply, 0, finalReply.length);
                last = pending.toByteArray();
                pending = null;
            }
            ChannelFutureListener then = lingerOnClose ? this::lingeringClose : ChannelFutureListener.CLOSE;
            if (last.length == 0 && !lingerOnClose) {
                channel.close();
            } else {
                channel.writeAndFlush(Unpooled.wrappedBuffer(last)).addListener(then);
            }
        } finally {
            outputLock.unlock();
        }
        clearInput();
        if (serial.inExecutor()) {
            framer.discardRemaining();
        }
    }

    // ---- helpers ----

    /**
     * Closing a socket with unread input makes the operating system reset the connection, and a reset can
     * destroy the farewell before the client reads it. So after the farewell only the sending half is
     * closed, and input is read and dropped until the client closes too or {@link #LINGER} has passed.
     */
    private void lingeringClose(ChannelFuture written) {
        if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
            channel.close();
            return;
        }
        readingPaused = false;
        channel.config().setAutoRead(true);
        duplex.shutdownOutput();
        channel.eventLoop().schedule(() -> channel.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
    }

    String id() {
        return id;
    }

    private ChannelFuture flushLocked() {
        if (pending == null || pending.size() == 0 || closing) {
            return null;
        }
        byte[] bytes = pending.toByteArray();
        pending = null;
        ChannelFuture written = channel.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        if (!channel.eventLoop().inEventLoop()) {
            // The client reads slower than we write: wait here (a virtual thread) rather than queue without bound.
            awaitWritable();
        }
        return written;
    }

    /**
     * Blocks the calling (session) thread while the channel's output is above the high-water mark. Ends when
     * the client has read enough, or the connection closed ({@link OutputStallGuard} closes it when the
     * client stops reading).
     */
    private void awaitWritable() {
        if (channel.isWritable() || channel.eventLoop().inEventLoop()) {
            return;
        }
        writableLock.lock();
        try {
            while (!channel.isWritable() && channel.isActive()) {
                // Timed, so that a signal racing with the check above costs a second at most.
                writableAgain.await(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writableLock.unlock();
        }
    }

    private void signalWritable() {
        writableLock.lock();
        try {
            writableAgain.signalAll();
        } finally {
            writableLock.unlock();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.debug("Session {}: flush failed", id, e);
        }
    }

    private static CompletableFuture<Void> toCompletable(ChannelFuture future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (future == null) {
            result.complete(null);
            return result;
        }
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    private void consumed(int bytes) {
        inputLock.lock();
        try {
            buffered = Math.max(0, buffered - bytes);
        } finally {
            inputLock.unlock();
        }
        resumeReadingIfDrained();
    }

    private void resumeReadingIfDrained() {
        if (readingPaused && bufferedInput() <= runtime.settings.maxBufferedInput() / 2) {
            channel.eventLoop().execute(() -> {
                if (readingPaused && bufferedInput() <= runtime.settings.maxBufferedInput() / 2) {
                    readingPaused = false;
                    channel.config().setAutoRead(!outputPaused);
                }
            });
        }
    }

    long bufferedInput() {
        inputLock.lock();
        try {
            return buffered;
        } finally {
            inputLock.unlock();
        }
    }

    private void clearInput() {
        inputLock.lock();
        try {
            if (input != null) {
                input.clear();
            }
            buffered = 0;
        } finally {
            inputLock.unlock();
        }
    }

    private void countDiscardedPlaintext(long bytes) {
        inputLock.lock();
        try {
            discardedPlaintext += bytes;
        } finally {
            inputLock.unlock();
        }
    }

    private void reportDiscardedPlaintext() {
        long discarded;
        inputLock.lock();
        try {
            discarded = discardedPlaintext;
            discardedPlaintext = 0;
        } finally {
            inputLock.unlock();
        }
        if (discarded > 0) {
            metrics.startTlsDiscarded();
            log.warn("Session {}: discarded {} plaintext bytes sent behind STARTTLS by {} (CVE-2011-0411)", id, discarded, client);
        }
    }

    private void requireSessionThread(String method) {
        if (!serial.inExecutor()) {
            throw new IllegalStateException(method + " must be called from a session callback or a task given to execute()");
        }
    }

    private void submit(Runnable task) {
        try {
            serial.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Session {}: executor stopped, closing", id);
            closing = true;
            channel.close();
        }
    }
}
