package org.mailplatform.mta.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Postfix's {@code smtp-sink} (Debian package {@code postfix}, which .ci/run installs) on a loopback
 * port: a real SMTP server that accepts everything, waits {@code dataDelaySeconds} before answering
 * DATA (so sessions last long enough to overlap), and writes each transaction to a file of its own,
 * envelope included.
 */
public final class SmtpSink implements AutoCloseable {

    private static final Path PROGRAM = Path.of("/usr/sbin/smtp-sink");

    private final LocalDaemon daemon;
    private final Path dumps;
    private final int port;

    private SmtpSink(LocalDaemon daemon, Path dumps, int port) {
        this.daemon = daemon;
        this.dumps = dumps;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(PROGRAM);
    }

    public static SmtpSink start(int dataDelaySeconds) throws IOException {
        LocalDaemon daemon = new LocalDaemon("smtp-sink", "smtp-sink");
        Path dumps = Files.createDirectories(daemon.root().resolve("dumps"));
        // As root smtp-sink drops to the postfix user before it writes the dumps.
        Files.setPosixFilePermissions(daemon.root(), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dumps, PosixFilePermissions.fromString("rwxrwxrwx"));
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString(), "-h", "sink.test", "-d", dumps + "/msg."));
        if (dataDelaySeconds > 0) {
            command.addAll(List.of("-w", String.valueOf(dataDelaySeconds)));
        }
        if (isRoot()) {
            command.addAll(List.of("-u", "postfix"));
        }
        command.addAll(List.of("127.0.0.1:" + port, "64"));
        daemon.start(command, Duration.ofSeconds(20), () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return new SmtpSink(daemon, dumps, port);
    }

    public int port() {
        return port;
    }

    /** The transactions that named {@code recipient} in a RCPT command. */
    public int transactionsFor(String recipient) throws IOException {
        try (Stream<Path> files = Files.list(dumps)) {
            return (int) files.filter(f -> read(f).contains("<" + recipient + ">")).count();
        }
    }

    public String output() {
        return daemon.output();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void close() {
        daemon.close();
    }
}
