package org.mailplatform.mta.interop;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * OpenDKIM (Debian package {@code opendkim}, which .ci/run installs) as a verifying milter on a
 * random loopback port, for a Postfix to call. Its DNS is a given DNS server (dnsmasq) through
 * OpenDKIM's Unbound resolver, so the public keys come from real TXT records. It adds an
 * {@code Authentication-Results} field with one {@code dkim=} result per signature.
 */
final class OpenDkimVerifier implements AutoCloseable {

    static final Path OPENDKIM = Path.of("/usr/sbin/opendkim");

    private final Path root;
    private final int port;
    private Process process;
    private final Thread shutdownHook = new Thread(this::stop, "opendkim-stop");

    private OpenDkimVerifier(Path root, int port) {
        this.root = root;
        this.port = port;
    }

    static boolean available() {
        return Files.isExecutable(OPENDKIM);
    }

    static OpenDkimVerifier start(String authservId, int dnsPort) throws IOException {
        Path root = Files.createTempDirectory("opendkim");
        OpenDkimVerifier verifier = new OpenDkimVerifier(root, freePort());
        verifier.launch(authservId, dnsPort);
        return verifier;
    }

    /** The value for Postfix's {@code smtpd_milters}. */
    String milter() {
        return "inet:127.0.0.1:" + port;
    }

    private void launch(String authservId, int dnsPort) throws IOException {
        // Unbound by default answers the special-use name test. itself (RFC 6761 6.2); nodefault lets the query through.
        Files.writeString(root.resolve("unbound.conf"), """
                server:
                    do-not-query-localhost: no
                    qname-minimisation: no
                    do-ip6: no
                    local-zone: "test." nodefault
                forward-zone:
                    name: "."
                    forward-addr: 127.0.0.1@%d
                """.formatted(dnsPort));
        Files.writeString(root.resolve("opendkim.conf"), """
                Mode v
                Socket inet:%d@127.0.0.1
                ResolverConfiguration %s
                AuthservID %s
                AlwaysAddARHeader yes
                Background no
                Syslog no
                PidFile %s
                """.formatted(port, root.resolve("unbound.conf"), authservId, root.resolve("opendkim.pid")));
        process = new ProcessBuilder(OPENDKIM.toString(), "-f", "-x", root.resolve("opendkim.conf").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("opendkim.out").toFile()).start();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("opendkim exited: " + output());
            }
            return listening();
        });
    }

    String output() {
        try {
            Path out = root.resolve("opendkim.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already: the hook has nothing left to do.
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }
}
