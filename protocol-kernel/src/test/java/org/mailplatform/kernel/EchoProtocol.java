package org.mailplatform.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A small line protocol for exercising the kernel: every line is answered, a few verbs reach the
 * kernel's features, and everything a session sees is written to a journal the test can inspect.
 *
 * <pre>
 * STARTTLS     upgrade (+OK begin TLS)      RAW n      read n raw bytes, answer "+OK raw n &lt;bytes or size&gt;"
 * TLS          negotiated protocol/cipher   ADDR       client and local address
 * MAXLINE n    set the line limit           IDLE ms    set the idle timeout
 * BLOCK        wait for release()           FAIL       throw from the callback
 * SPAM k       write k KiB, then "+OK spam"  QUIT       "+OK bye" and close
 * AUTH         clear the login deadline     DEADLINE ms set the deadline
 * PAYLOAD      lines are a payload until END
 * other        "+OK echo &lt;line&gt;[ bareLf][ bareCr]"
 * </pre>
 */
public final class EchoProtocol implements ProtocolSessionFactory {

    /** What the sessions saw, in order: connect, line:..., raw:..., idle, shutdown, close. */
    public final List<String> journal = new CopyOnWriteArrayList<>();
    public final List<SessionContext> contexts = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch blocker = new CountDownLatch(1);

    @Override
    public ProtocolSession open(SessionContext context) {
        contexts.add(context);
        return new EchoSession(context);
    }

    @Override
    public byte[] tooManyConnectionsReply() {
        return ascii("-ERR too many connections\r\n");
    }

    @Override
    public byte[] internalErrorReply() {
        return ascii("-ERR internal error\r\n");
    }

    /** Lets sessions waiting in BLOCK continue. */
    public void release() {
        blocker.countDown();
    }

    public List<String> lines() {
        return journal.stream().filter(entry -> entry.startsWith("line:")).map(entry -> entry.substring(5)).toList();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private final class EchoSession implements ProtocolSession {

        private final SessionContext context;
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();

        EchoSession(SessionContext context) {
            this.context = context;
        }

        @Override
        public void onConnect() {
            journal.add("connect");
            context.write("+OK hello " + context.clientAddress().getAddress().getHostAddress() + " " + context.clientAddress().getPort()
                    + " " + context.listenerName() + " tls=" + context.tlsActive() + "\r\n");
        }

        @Override
        public void onLine(Line line) {
            journal.add("line:" + line.ascii());
            if (line.tooLong()) {
                context.write("-ERR line too long (" + line.length() + " kept)\r\n");
                return;
            }
            String text = line.ascii();
            String verb = text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
            String argument = text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : "";
            switch (verb) {
                case "STARTTLS" -> {
                    if (context.canStartTls()) {
                        context.startTls(ascii("+OK begin TLS\r\n"));
                    } else {
                        context.write("-ERR TLS not available\r\n");
                    }
                }
                case "RAW" -> {
                    context.write("+OK go\r\n");
                    context.readRaw(Long.parseLong(argument));
                }
                case "TLS" -> context.write(context.tlsInfo()
                        .map(info -> "+OK " + info.protocol() + " " + info.cipherSuite() + "\r\n")
                        .orElse("-ERR plaintext\r\n"));
                case "ADDR" -> context.write("+OK " + context.clientAddress() + " " + context.localAddress() + "\r\n");
                case "MAXLINE" -> {
                    context.setMaxLineLength(Integer.parseInt(argument));
                    context.write("+OK\r\n");
                }
                case "IDLE" -> {
                    context.setIdleTimeout(Duration.ofMillis(Long.parseLong(argument)));
                    context.write("+OK\r\n");
                }
                case "BLOCK" -> {
                    awaitRelease();
                    context.write("+OK released\r\n");
                }
                case "SPAM" -> {
                    String kibibyte = "s".repeat(1022) + "\r\n";
                    for (int i = 0; i < Integer.parseInt(argument); i++) {
                        context.write(kibibyte);
                    }
                    journal.add("spam-done");
                    context.write("+OK spam\r\n");
                }
                case "AUTH" -> {
                    context.clearDeadline();
                    context.write("+OK authenticated\r\n");
                }
                case "DEADLINE" -> {
                    context.setDeadline(Duration.ofMillis(Long.parseLong(argument)));
                    context.write("+OK\r\n");
                }
                case "PAYLOAD" -> {
                    context.beginPayload();
                    context.write("+OK payload\r\n");
                }
                case "END" -> {
                    context.endPayload();
                    context.write("+OK end\r\n");
                }
                case "FAIL" -> throw new IllegalStateException("secret internal detail");
                case "QUIT" -> context.closeAfter(ascii("+OK bye\r\n"));
                default -> context.write("+OK echo " + text + (line.bareLf() ? " bareLf" : "") + (line.bareCr() ? " bareCr" : "") + "\r\n");
            }
        }

        @Override
        public void onRawBytes(byte[] chunk, boolean last) {
            raw.writeBytes(chunk);
            if (last) {
                String content = raw.size() <= 100 ? raw.toString(StandardCharsets.US_ASCII) : "(" + raw.size() + " bytes)";
                journal.add("raw:" + content);
                context.write("+OK raw " + raw.size() + " " + content + "\r\n");
                raw.reset();
            }
        }

        @Override
        public void onIdleTimeout() {
            journal.add("idle");
            context.write("-ERR idle timeout\r\n");
        }

        @Override
        public void onLimitExceeded(LimitExceeded limit) {
            journal.add("limit:" + limit);
            context.write("-ERR limit " + limit + "\r\n");
        }

        @Override
        public void onShutdown() {
            journal.add("shutdown");
            context.closeAfter(ascii("-ERR shutting down\r\n"));
        }

        @Override
        public void onClose() {
            journal.add("close");
        }

        private void awaitRelease() {
            try {
                if (!blocker.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
