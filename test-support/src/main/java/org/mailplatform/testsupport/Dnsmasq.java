package org.mailplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real DNS server on 127.0.0.1 for tests that resolve names (MX routing, SPF, DKIM keys, DMARC
 * policies): dnsmasq (Debian package dnsmasq-base, which .ci/run installs), authoritative for the
 * names it is given under {@code .test} (NXDOMAIN for the rest), no upstream, no hosts file.
 */
public final class Dnsmasq implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private Dnsmasq(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static boolean available() {
        return executable() != null;
    }

    private static String executable() {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin")) {
            File f = new File(dir, "dnsmasq");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /**
     * @param records dnsmasq options such as {@code --mx-host=example.test,mx.example.test,10} or
     *                {@code --host-record=mx.example.test,127.0.0.1}
     */
    public static Dnsmasq start(List<String> records) throws IOException, InterruptedException {
        String exe = executable();
        if (exe == null) {
            throw new IllegalStateException("dnsmasq is not installed (Debian: apt-get install dnsmasq-base)");
        }
        IOException last = null;
        for (int tries = 0; tries < 5; tries++) {
            int port = freeUdpPort();
            Path log = Files.createTempFile("dnsmasq", ".log");
            List<String> command = new ArrayList<>(List.of(exe, "--no-daemon", "--no-resolv", "--no-hosts",
                    "--port=" + port, "--listen-address=127.0.0.1", "--bind-interfaces", "--local=/test/",
                    "--pid-file=", "--log-facility=-"));
            command.addAll(records);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Dnsmasq dns = new Dnsmasq(p, port, log);
            if (dns.awaitListening(Duration.ofSeconds(10))) {
                // A server shared by a whole test JVM is never closed by a test; it must not outlive the JVM.
                Runtime.getRuntime().addShutdownHook(new Thread(dns::close, "dnsmasq-stop"));
                return dns;
            }
            last = new IOException("dnsmasq did not start: " + Files.readString(log));
            dns.close();
        }
        throw last;
    }

    /**
     * The option publishing one TXT record: the text is cut into character-strings of at most 255
     * octets (RFC 1035 3.3.14), which SPF and DKIM readers join again (RFC 7208 3.3, RFC 6376 3.6.2.2).
     * On the command line dnsmasq takes every comma as the start of the next string and quotes
     * literally, so the text may contain neither.
     */
    public static String txtRecord(String name, String text) {
        if (text.contains("\"") || text.contains(",")) {
            throw new IllegalArgumentException("TXT text with a quote or comma: " + text);
        }
        StringBuilder option = new StringBuilder("--txt-record=").append(name);
        for (int i = 0; i < text.length(); i += 255) {
            option.append(',').append(text, i, Math.min(text.length(), i + 255));
        }
        return option.toString();
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    private boolean awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (Files.readString(log).contains("started")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
