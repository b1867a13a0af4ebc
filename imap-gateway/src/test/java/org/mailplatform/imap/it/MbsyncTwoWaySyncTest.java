package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.store.account.Account;
import org.mailplatform.testsupport.RequiredTool;

/**
 * Two real sync clients against one mailbox: mbsync (isync) keeps a local Maildir in step with
 * INBOX both ways, and curl, a second client, reads what the server ends up with. New messages and
 * flag changes made on either side before a sync must be on both sides after it, and a further
 * sync must change nothing.
 */
class MbsyncTwoWaySyncTest extends ImapTestBase {

    @TempDir
    Path dir;

    @Test
    void messagesAndFlagChangesOnBothSidesSurviveTheNextSync() throws Exception {
        RequiredTool.assumePresent(onPath("mbsync"), "mbsync (Debian package isync) is not installed");
        RequiredTool.assumePresent(onPath("curl"), "curl is not installed");
        Account account = newAccount();
        deliver(account, TestMessages.simple("server one"));
        deliver(account, TestMessages.simple("server two"));
        Path config = writeConfig(account);
        Path inbox = dir.resolve("mail/INBOX");

        sync(config);
        assertThat(subjects(inbox)).containsExactlyInAnyOrder("server one", "server two");

        // On the server: a new message and \Flagged on the first.
        deliver(account, TestMessages.simple("server three"));
        try (RawImap imap = loggedIn(account)) {
            imap.command("SELECT INBOX");
            assertThat(RawImap.last(imap.command("UID STORE 1 +FLAGS (\\Flagged)"))).contains(" OK ");
        }
        // Locally: a new message, and the second one read (Maildir flag S).
        Files.writeString(inbox.resolve("new/1700000000.local1.host"),
                TestMessages.simple("local one"), StandardCharsets.US_ASCII);
        Path second = file(inbox, "server two");
        Files.move(second, second.resolveSibling(second.getFileName() + "S"));

        sync(config);
        assertThat(subjects(inbox)).containsExactlyInAnyOrder("server one", "server two", "server three", "local one");
        assertThat(maildirFlags(file(inbox, "server one"))).contains("F");
        assertThat(maildirFlags(file(inbox, "server two"))).contains("S");

        List<String> onServer = curl(account, "/INBOX", "UID FETCH 1:* (FLAGS ENVELOPE)");
        assertThat(onServer.stream().filter(l -> l.contains(" FETCH ")).count()).isEqualTo(4);
        assertThat(fetchLineOf(onServer, "server one")).contains("FLAGS (\\Flagged)");
        assertThat(fetchLineOf(onServer, "server two")).contains("FLAGS (\\Seen)");
        assertThat(fetchLineOf(onServer, "server three")).contains("FLAGS ()");
        // The message written locally reached the server whole (mbsync adds its X-TUID header to find it).
        String uid = fetchLineOf(onServer, "local one").replaceAll(".*\\(UID (\\d+) .*", "$1");
        List<String> local = curl(account, "/INBOX;UID=" + uid, null).stream().filter(l -> !l.startsWith("X-TUID: ")).toList();
        assertThat(String.join("\r\n", local) + "\r\n").isEqualTo(TestMessages.simple("local one"));

        // Nothing changed since: the next sync neither adds nor loses anything on either side.
        sync(config);
        assertThat(subjects(inbox)).hasSize(4);
        assertThat(curl(account, "/INBOX", "UID FETCH 1:* (FLAGS)").stream().filter(l -> l.contains(" FETCH ")).count()).isEqualTo(4);
    }

    private Path writeConfig(Account account) throws Exception {
        Path certificate = dir.resolve("server.pem");
        Files.writeString(certificate, serverCertificatePem());
        Files.createDirectories(dir.resolve("mail"));
        Path config = dir.resolve("mbsyncrc");
        Files.writeString(config, """
                IMAPAccount gateway
                Host 127.0.0.1
                Port %d
                User %s
                Pass "%s"
                SSLType IMAPS
                CertificateFile %s

                IMAPStore gateway-remote
                Account gateway

                MaildirStore local
                Path %s/
                Inbox %s

                Channel inbox
                Far :gateway-remote:INBOX
                Near :local:INBOX
                Create Both
                Expunge Both
                SyncState *
                Sync All
                """.formatted(implicitTlsPort(), account.address(), PASSWORD, certificate,
                dir.resolve("mail"), dir.resolve("mail/INBOX")));
        return config;
    }

    /** The gateway's self-signed certificate, which mbsync is told to trust. */
    private String serverCertificatePem() throws Exception {
        try (SSLSocket socket = (SSLSocket) RawImap.trustAll().getSocketFactory().createSocket("127.0.0.1", implicitTlsPort())) {
            socket.startHandshake();
            Certificate leaf = socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(leaf.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }

    private void sync(Path config) throws Exception {
        String output = run(List.of("mbsync", "-c", config.toString(), "-a"));
        assertThat(output).doesNotContain("Error");
    }

    /** curl as an IMAP client: {@code command} on the mailbox at {@code path}, or the message at it when null. */
    private List<String> curl(Account account, String path, String command) throws Exception {
        List<String> args = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--insecure",
                "--user", account.address() + ":" + PASSWORD, "imaps://127.0.0.1:" + implicitTlsPort() + path));
        if (command != null) {
            args.addAll(List.of("--request", command));
        }
        return run(args).lines().toList();
    }

    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        boolean done = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("%s did not finish: %s", command.getFirst(), output).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command.getFirst(), output).isZero();
        return output;
    }

    /** The FETCH line of the message with {@code subject} (ENVELOPE quotes it). */
    private static String fetchLineOf(List<String> lines, String subject) {
        return lines.stream().filter(l -> l.contains(" FETCH ") && l.contains("\"" + subject + "\""))
                .findFirst().orElseThrow(() -> new AssertionError(subject + " not in " + lines));
    }

    private static List<String> subjects(Path maildir) throws IOException {
        List<String> subjects = new ArrayList<>();
        for (Path p : messages(maildir)) {
            subjects.add(subject(p));
        }
        return subjects;
    }

    private static Path file(Path maildir, String subject) throws IOException {
        for (Path p : messages(maildir)) {
            if (subject(p).equals(subject)) {
                return p;
            }
        }
        throw new AssertionError(subject + " not in " + maildir);
    }

    private static List<Path> messages(Path maildir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            Path d = maildir.resolve(sub);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        return files;
    }

    private static String subject(Path message) throws IOException {
        return Files.readAllLines(message, StandardCharsets.ISO_8859_1).stream()
                .filter(l -> l.startsWith("Subject: "))
                .map(l -> l.substring("Subject: ".length()).strip())
                .findFirst().orElse("");
    }

    /** The flags of a Maildir file name, after ":2,". */
    private static String maildirFlags(Path message) {
        String name = message.getFileName().toString();
        int info = name.indexOf(":2,");
        return info < 0 ? "" : name.substring(info + 3);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
