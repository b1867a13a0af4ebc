package org.mailplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

/**
 * A remote mail server that refuses every recipient with 550: Postfix's {@code smtp-sink -f RCPT}
 * on a loopback port. Mail relayed to it fails permanently, so each such message makes a DSN.
 */
final class RefusingPeer implements AutoCloseable {

    static final Path SMTP_SINK = Path.of("/usr/sbin/smtp-sink");

    private final Process process;
    private final int port;

    private RefusingPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static RefusingPeer start(Path logFile) {
        assumePresent(Files.isExecutable(SMTP_SINK), "Postfix's smtp-sink is not installed (apt-get install postfix)");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(SMTP_SINK.toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            // smtp-sink refuses to keep super-user privileges once its socket is open.
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of("-h", "mx.refusing.test", "-f", "RCPT", "127.0.0.1:" + port, "64"));
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            RefusingPeer peer = new RefusingPeer(process, port);
            await().atMost(Duration.ofSeconds(10)).until(peer::answers);
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + SMTP_SINK, e);
        }
    }

    int port() {
        return port;
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
