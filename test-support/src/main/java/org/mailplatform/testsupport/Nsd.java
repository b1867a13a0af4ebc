package org.mailplatform.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real authoritative DNS server on 127.0.0.1 serving DNSSEC-signed zones, for the tests of DANE:
 * NSD (Debian package {@code nsd}) with zones signed by ldns ({@code ldnsutils}), both of which
 * .ci/run installs. Each signed zone gets a fresh key-signing and zone-signing key (ECDSA P-256,
 * RFC 6605) and NSEC denial; the DS records of the signed zones are the trust anchor to validate
 * with. The server runs in the foreground with everything in a temporary directory, no privileges
 * dropped, no remote control, and is stopped by {@link #close()} or when the JVM exits.
 */
public final class Nsd implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /**
     * A zone to serve.
     *
     * @param origin  the zone's name without trailing dot, e.g. {@code dane.test}
     * @param records zone file lines relative to the origin, e.g. {@code mx IN A 127.0.0.1}; the
     *                SOA and the NS record ({@code ns.<first zone>}) are added
     * @param signed  whether the zone is signed
     * @param unsignedRecords lines added to a signed zone after signing, without signatures: a
     *                resolver that validates finds them bogus (RFC 4035 5.4)
     * @param signaturesStripped a signed zone (its DS in the trust anchor) served without its RRSIG
     *                and NSEC records, as a name server that does not pass DNSSEC along hands it on
     */
    public record Zone(String origin, List<String> records, boolean signed, List<String> unsignedRecords,
                       boolean signaturesStripped) {
        public Zone {
            records = List.copyOf(records);
            unsignedRecords = List.copyOf(unsignedRecords);
            if (signaturesStripped && !signed) {
                throw new IllegalArgumentException("only a signed zone has signatures to strip");
            }
        }

        public Zone(String origin, List<String> records, boolean signed, List<String> unsignedRecords) {
            this(origin, records, signed, unsignedRecords, false);
        }

        public Zone(String origin, List<String> records, boolean signed) {
            this(origin, records, signed, List.of());
        }

        /** This zone signed, but served without signatures. */
        public Zone withSignaturesStripped() {
            return new Zone(origin, records, true, unsignedRecords, true);
        }
    }

    private static final Set<String> DNSSEC_PROOF_TYPES = Set.of("RRSIG", "NSEC", "NSEC3", "NSEC3PARAM");

    private final Process process;
    private final int port;
    private final Path directory;
    private final Path trustAnchor;

    private Nsd(Process process, int port, Path directory, Path trustAnchor) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.trustAnchor = trustAnchor;
    }

    public static boolean available() {
        return executable("nsd") != null && executable("ldns-keygen") != null && executable("ldns-signzone") != null;
    }

    private static String executable(String name) {
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin")) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        return null;
    }

    /** The first zone's {@code ns} name is the name server of every zone: put its address record there. */
    public static Nsd start(List<Zone> zones) throws IOException, InterruptedException {
        if (!available()) {
            throw new IllegalStateException("nsd or ldns-signzone is not installed (Debian: apt-get install nsd ldnsutils)");
        }
        Path directory = Files.createTempDirectory("nsd");
        String nameServer = "ns." + zones.getFirst().origin() + ".";
        StringBuilder anchors = new StringBuilder();
        StringBuilder zoneConfig = new StringBuilder();
        for (Zone zone : zones) {
            Path file = directory.resolve(zone.origin() + ".zone");
            List<String> lines = new ArrayList<>(List.of(
                    "$ORIGIN " + zone.origin() + ".",
                    "$TTL 300",
                    "@ IN SOA " + nameServer + " hostmaster." + zone.origin() + ". 1 3600 600 86400 300",
                    "@ IN NS " + nameServer));
            lines.addAll(zone.records());
            Files.write(file, lines);
            if (zone.signed()) {
                file = sign(directory, zone.origin(), file);
                if (!zone.unsignedRecords().isEmpty()) {
                    Files.writeString(file, Files.readString(file) + "$ORIGIN " + zone.origin() + ".\n"
                            + String.join("\n", zone.unsignedRecords()) + "\n");
                }
                if (zone.signaturesStripped()) {
                    file = stripSignatures(file);
                }
                anchors.append(Files.readString(directory.resolve(zone.origin() + ".ds")));
            }
            zoneConfig.append("zone:\n    name: ").append(zone.origin()).append("\n    zonefile: \"").append(file)
                    .append("\"\n");
        }
        Path trustAnchor = directory.resolve("trust-anchor.ds");
        Files.writeString(trustAnchor, anchors);
        IOException last = null;
        for (int tries = 0; tries < 5; tries++) {
            int port = freePort();
            Path config = directory.resolve("nsd.conf");
            Files.writeString(config, """
                    server:
                        ip-address: 127.0.0.1@%2$d
                        port: %2$d
                        username: ""
                        chroot: ""
                        zonesdir: "%1$s"
                        database: ""
                        zonelistfile: "%1$s/zone.list"
                        pidfile: "%1$s/nsd.pid"
                        xfrdfile: "%1$s/xfrd.state"
                        xfrdir: "%1$s"
                        logfile: "%1$s/nsd.log"
                        server-count: 1
                        verbosity: 1
                    remote-control:
                        control-enable: no
                    """.formatted(directory, port) + zoneConfig);
            Path output = directory.resolve("output.log");
            Process p = new ProcessBuilder(executable("nsd"), "-d", "-c", config.toString())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            Nsd nsd = new Nsd(p, port, directory, trustAnchor);
            if (nsd.awaitStarted(Duration.ofSeconds(15))) {
                // A server shared by a whole test JVM is never closed by a test; it must not outlive the JVM.
                Runtime.getRuntime().addShutdownHook(new Thread(nsd::close, "nsd-stop"));
                return nsd;
            }
            last = new IOException("nsd did not start: " + Files.readString(output) + nsd.log());
            nsd.close();
        }
        throw last;
    }

    /** A key-signing and a zone-signing key, then the signed zone; leaves {@code <origin>.ds} beside it. */
    private static Path sign(Path directory, String origin, Path zoneFile) throws IOException, InterruptedException {
        String ksk = run(directory, List.of(executable("ldns-keygen"), "-a", "ECDSAP256SHA256", "-k", origin)).strip();
        String zsk = run(directory, List.of(executable("ldns-keygen"), "-a", "ECDSAP256SHA256", origin)).strip();
        Files.move(directory.resolve(ksk + ".ds"), directory.resolve(origin + ".ds"));
        run(directory, List.of(executable("ldns-signzone"), "-f", zoneFile + ".signed", zoneFile.toString(), ksk, zsk));
        return Path.of(zoneFile + ".signed");
    }

    /** ldns-signzone writes one record per line, {@code name TTL class type data}: the type is the fourth field. */
    private static Path stripSignatures(Path signedZone) throws IOException {
        Path stripped = Path.of(signedZone + ".stripped");
        Files.write(stripped, Files.readAllLines(signedZone).stream().filter(line -> {
            String[] fields = line.trim().split("\\s+");
            return fields.length < 4 || !DNSSEC_PROOF_TYPES.contains(fields[3].toUpperCase(Locale.ROOT));
        }).toList());
        return stripped;
    }

    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.getFirst() + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }

    public int port() {
        return port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The DS records of the signed zones, one per line: a trust anchor file for a validating resolver. */
    public Path trustAnchor() {
        return trustAnchor;
    }

    /** NSD's log, for the diagnosis of a failure. */
    public String log() {
        try {
            Path log = directory.resolve("nsd.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (log().contains("nsd started")) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** A port free for both UDP and TCP: the validating client falls back to TCP for long answers. */
    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException busy) {
                    // taken for TCP: next one
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP on 127.0.0.1");
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // NSD forks its transfer daemon and server processes: they go too.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
