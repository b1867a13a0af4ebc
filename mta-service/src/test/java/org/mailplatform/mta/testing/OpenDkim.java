package org.mailplatform.mta.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real OpenDKIM (Debian package {@code opendkim}, which .ci/run installs) as a verifying milter
 * on a random loopback port, always adding an {@code Authentication-Results} field with one
 * {@code dkim=} result per signature. Its DNS is the system's, or a given DNS server (dnsmasq)
 * through OpenDKIM's Unbound resolver so the public keys come from real TXT records. Stopped by
 * {@link #close()} or with the JVM.
 */
public final class OpenDkim implements AutoCloseable {

    private static final Path EXECUTABLE = Path.of("/usr/sbin/opendkim");

    private final LocalDaemon daemon;
    private final int port;

    private OpenDkim(LocalDaemon daemon, int port) {
        this.daemon = daemon;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** @param authservId the name it puts in Authentication-Results (RFC 8601 2.2) */
    public static OpenDkim start(String authservId) throws IOException {
        return start(authservId, 0);
    }

    /**
     * @param authservId the name it puts in Authentication-Results (RFC 8601 2.2)
     * @param dnsPort    the port of the DNS server on 127.0.0.1 to ask for keys; 0 for the system's
     */
    public static OpenDkim start(String authservId, int dnsPort) throws IOException {
        OpenDkim opendkim = new OpenDkim(new LocalDaemon("opendkim", "opendkim"), freePort());
        try {
            opendkim.launch(authservId, dnsPort);
        } catch (IOException | RuntimeException e) {
            opendkim.close();
            throw e;
        }
        return opendkim;
    }

    /** host:port, as the platform's milter settings take it. */
    public String milterAddress() {
        return "127.0.0.1:" + port;
    }

    /** The value for Postfix's {@code smtpd_milters}. */
    public String postfixMilter() {
        return "inet:" + milterAddress();
    }

    private void launch(String authservId, int dnsPort) throws IOException {
        Path root = daemon.root();
        String resolver = "";
        if (dnsPort > 0) {
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
            resolver = "ResolverConfiguration " + root.resolve("unbound.conf") + "\n";
        }
        Files.writeString(root.resolve("opendkim.conf"), """
                Mode v
                Socket inet:%d@127.0.0.1
                AuthservID %s
                AlwaysAddARHeader yes
                Background no
                Syslog no
                PidFile %s
                """.formatted(port, authservId, root.resolve("opendkim.pid")) + resolver);
        daemon.start(List.of(EXECUTABLE.toString(), "-f", "-x", root.resolve("opendkim.conf").toString()),
                Duration.ofSeconds(30), this::listening);
    }

    /** What OpenDKIM printed, for the diagnosis of a failure. */
    public String output() {
        return daemon.output();
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

    @Override
    public void close() {
        daemon.close();
    }
}
