package org.mailplatform.mta.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.mailplatform.mta.testing.LocalDaemon;

/**
 * A private Postfix (Debian package {@code postfix}, which .ci/run installs) on 127.0.0.1, as an
 * independent SMTP implementation to interoperate with. Everything lives under one temporary
 * directory: configuration, queue, data, the Maildirs and the log file. The master daemon runs in
 * the foreground as a child process in a session of its own, so stopping it takes every Postfix
 * process with it; a shutdown hook does the same if a test JVM ends early.
 * <ul>
 * <li>smtpd on a random loopback port, STARTTLS offered with a self-signed certificate;</li>
 * <li>the mailboxes of {@code mailboxDomain} through the {@code virtual} transport into Maildirs;</li>
 * <li>mail for {@code relayDomain} through the {@code smtp} client, TLS when offered
 * ({@code smtp_tls_security_level = may}), to {@code [127.0.0.1]:relayPort}.</li>
 * </ul>
 * The master has to start as root (it binds and then switches to {@code mail_owner}). Public for
 * the local stack's end-to-end tests, which use it as the remote side of forwarded mail.
 */
public final class PostfixInstance implements AutoCloseable {

    public static final String HOSTNAME = "postfix.interop.test";

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Path SENDMAIL = Path.of("/usr/sbin/sendmail");
    private static final Path POSTQUEUE = Path.of("/usr/sbin/postqueue");
    private static final Path MASTER = Path.of("/usr/lib/postfix/sbin/master");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final Path root;
    private final Path config;
    private final Path maildirs;
    private final Path log;
    private final int port;
    private final LocalDaemon master;

    private PostfixInstance(LocalDaemon master, int port) {
        this.master = master;
        this.root = master.root();
        this.config = root.resolve("config");
        this.maildirs = root.resolve("mail");
        this.log = root.resolve("maillog");
        this.port = port;
    }

    /** Postfix is installed and this JVM may start its master daemon. */
    public static boolean available() {
        return Files.isExecutable(POSTFIX) && Files.isExecutable(MASTER) && isRoot();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    public static PostfixInstance start(int port, String mailboxDomain, List<String> users, String relayDomain,
                                        int relayPort)
            throws IOException, InterruptedException {
        return start(port, mailboxDomain, users, relayDomain, relayPort, List.of());
    }

    /** @param extraSettings main.cf lines appended to the ones above, e.g. {@code smtpd_milters = ...} */
    public static PostfixInstance start(int port, String mailboxDomain, List<String> users, String relayDomain, int relayPort,
                                 List<String> extraSettings) throws IOException, InterruptedException {
        return start(port, mailboxDomain, users, relayDomain, relayPort, extraSettings, List.of());
    }

    /**
     * @param extraServices master.cf lines appended to the ones above, e.g. more smtpd listeners on
     *                      other loopback addresses with {@code -o} overrides of their own
     */
    public static PostfixInstance start(int port, String mailboxDomain, List<String> users, String relayDomain, int relayPort,
                                 List<String> extraSettings, List<String> extraServices) throws IOException, InterruptedException {
        PostfixInstance postfix = new PostfixInstance(new LocalDaemon("the Postfix master", "postfix-interop"), port);
        try {
            postfix.configure(mailboxDomain, users, relayDomain, relayPort, extraSettings, extraServices);
            postfix.launch();
            return postfix;
        } catch (IOException | RuntimeException | InterruptedException e) {
            String log = postfix.log() + "\nthe master's output:\n" + postfix.master.output();
            postfix.close();
            throw new IllegalStateException("Postfix did not start; its log:\n" + log, e);
        }
    }

    public int port() {
        return port;
    }

    /** The self-signed certificate smtpd presents (PEM), for tests that pin it (DANE's TLSA records). */
    Path certificate() {
        return config.resolve("tls.crt");
    }

    private void configure(String mailboxDomain, List<String> users, String relayDomain, int relayPort,
                           List<String> extraSettings, List<String> extraServices) throws IOException, InterruptedException {
        // The mail_owner (postfix) walks to the queue and the virtual delivery agent (nobody) into the Maildirs.
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(config);
        Files.createDirectories(root.resolve("queue"));
        Files.createDirectories(maildirs);
        UserPrincipalLookupService names = root.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(maildirs, names.lookupPrincipalByName("nobody"));

        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + HOSTNAME,
                "-keyout", config.resolve("tls.key").toString(), "-out", config.resolve("tls.crt").toString()));

        String mailboxes = String.join(", ", users.stream()
                .map(user -> user + "@" + mailboxDomain + "=" + user + "/").toList());
        Files.writeString(config.resolve("main.cf"), withoutReplaced("""
                compatibility_level = 3.6
                queue_directory = %1$s/queue
                data_directory = %1$s/data
                meta_directory = /etc/postfix
                mail_owner = postfix
                setgid_group = postdrop
                maillog_file = %1$s/maillog
                maillog_file_prefixes = %1$s
                myhostname = %2$s
                mydomain = interop.test
                inet_interfaces = 127.0.0.1
                inet_protocols = ipv4
                mynetworks = 127.0.0.0/8
                mydestination =
                alias_maps =
                alias_database =
                biff = no
                smtp_dns_support_level = disabled
                virtual_mailbox_domains = %3$s
                virtual_mailbox_base = %1$s/mail
                virtual_mailbox_maps = inline:{ %4$s }
                virtual_uid_maps = static:65534
                virtual_gid_maps = static:65534
                transport_maps = inline:{ %5$s=smtp:[127.0.0.1]:%6$d }
                smtpd_tls_security_level = may
                smtpd_tls_cert_file = %1$s/config/tls.crt
                smtpd_tls_key_file = %1$s/config/tls.key
                smtpd_tls_received_header = yes
                smtp_tls_security_level = may
                smtp_tls_loglevel = 1
                """.formatted(root, HOSTNAME, mailboxDomain, mailboxes, relayDomain, relayPort), extraSettings)
                + String.join("\n", extraSettings) + "\n");
        // No chroot anywhere: the temporary directory holds no copy of the libraries and /etc files a chroot needs.
        Files.writeString(config.resolve("master.cf"), """
                127.0.0.1:%d inet n - n - - smtpd
                pickup    unix  n       -       n       60      1       pickup
                cleanup   unix  n       -       n       -       0       cleanup
                qmgr      unix  n       -       n       300     1       qmgr
                tlsmgr    unix  -       -       n       1000?   1       tlsmgr
                rewrite   unix  -       -       n       -       -       trivial-rewrite
                bounce    unix  -       -       n       -       0       bounce
                defer     unix  -       -       n       -       0       bounce
                trace     unix  -       -       n       -       0       bounce
                verify    unix  -       -       n       -       1       verify
                flush     unix  n       -       n       1000?   0       flush
                proxymap  unix  -       -       n       -       -       proxymap
                smtp      unix  -       -       n       -       -       smtp
                relay     unix  -       -       n       -       -       smtp
                showq     unix  n       -       n       -       -       showq
                error     unix  -       -       n       -       -       error
                retry     unix  -       -       n       -       -       error
                discard   unix  -       -       n       -       -       discard
                virtual   unix  -       n       n       -       -       virtual
                anvil     unix  -       -       n       -       1       anvil
                scache    unix  -       -       n       -       1       scache
                postlog   unix-dgram n  -       n       -       1       postlogd
                """.formatted(port) + String.join("\n", extraServices) + "\n");
        // Creates the queue's subdirectories with the owners and modes Postfix insists on.
        run(List.of(POSTFIX.toString(), "-c", config.toString(), "check"));
    }

    /**
     * The default lines without those that an extra setting of the same name replaces: Postfix
     * would warn about each overridden entry from every process, and its log daemon, writing
     * those warnings to its own socket before it reads from it, can block for good.
     */
    private static String withoutReplaced(String defaults, List<String> extraSettings) {
        List<String> replaced = extraSettings.stream().map(PostfixInstance::settingName).toList();
        return String.join("\n", defaults.lines().filter(line -> !replaced.contains(settingName(line))).toList()) + "\n";
    }

    private static String settingName(String line) {
        int eq = line.indexOf('=');
        return eq < 0 ? line.strip() : line.substring(0, eq).strip();
    }

    private void launch() throws IOException {
        // setsid: the master leads its own process group, which it signals on the way out.
        master.start(List.of("setsid", MASTER.toString(), "-c", config.toString(), "-d"), Duration.ofSeconds(20),
                this::greets);
    }

    private boolean greets() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            byte[] greeting = s.getInputStream().readNBytes(3);
            return new String(greeting, java.nio.charset.StandardCharsets.US_ASCII).equals("220");
        } catch (IOException e) {
            return false;
        }
    }

    /** Hands a message to Postfix the way a local program does: its sendmail, from the given envelope. */
    void sendmail(String from, String to, byte[] message) throws IOException, InterruptedException {
        // -i: a line with a single dot is message text, not the end of input.
        Process p = new ProcessBuilder(SENDMAIL.toString(), "-C", config.toString(), "-i", "-f", from, "--", to)
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(message);
        }
        finish(p, "sendmail");
    }

    /** Attempts delivery of everything deferred, now. */
    public void flush() throws IOException, InterruptedException {
        run(List.of(POSTQUEUE.toString(), "-c", config.toString(), "-f"));
    }

    /** The messages in a Maildir of the mailbox domain, as Postfix stored them (UNIX line ends). */
    public List<byte[]> maildir(String user) {
        List<byte[]> messages = new ArrayList<>();
        for (String folder : List.of("new", "cur")) {
            Path dir = maildirs.resolve(user).resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    messages.add(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    /** Postfix's own log, for assertions and for the diagnosis of a failure. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no Postfix log)";
        } catch (IOException e) {
            return "(Postfix log unreadable: " + e + ")";
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        finish(new ProcessBuilder(command).redirectErrorStream(true).start(), command.getFirst());
    }

    private void finish(Process p, String what) throws IOException, InterruptedException {
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (" + p.exitValue() + "): " + new String(output) + "\n" + log());
        }
    }

    @Override
    public void close() {
        master.close();
    }
}
