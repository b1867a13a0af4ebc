package org.mailplatform.mta.testing;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real OpenDKIM (Debian package opendkim) as a milter on a random loopback port, verifying only
 * and always adding its Authentication-Results field: a libmilter-based filter beside rspamd.
 * Stops with the JVM.
 */
public final class OpenDkim implements AutoCloseable {

    private static final String EXECUTABLE = "/usr/sbin/opendkim";

    private final Process process;
    private final int port;

    private OpenDkim(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        return new File(EXECUTABLE).canExecute();
    }

    /** @param authservId the name it puts in Authentication-Results (RFC 8601 2.2) */
    public static OpenDkim start(String authservId) throws IOException {
        Path dir = Files.createTempDirectory("opendkim");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("opendkim.conf");
        Files.writeString(conf, """
                Syslog no
                Mode v
                Socket inet:%d@127.0.0.1
                PidFile %s
                AuthservID %s
                AlwaysAddARHeader yes
                """.formatted(port, dir.resolve("opendkim.pid"), authservId));
        Process p = new ProcessBuilder(EXECUTABLE, "-f", "-x", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        OpenDkim dkim = new OpenDkim(p, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("opendkim exited: " + Files.readString(dir.resolve("stdout.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                Runtime.getRuntime().addShutdownHook(new Thread(dkim::close, "opendkim-stop"));
                return dkim;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        dkim.close();
        throw new IOException("opendkim did not listen on port " + port);
    }

    public String milterAddress() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
