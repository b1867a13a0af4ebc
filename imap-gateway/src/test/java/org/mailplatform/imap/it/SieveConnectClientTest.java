package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.testsupport.RequiredTool.assumePresent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.store.sieve.SieveScriptRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * sieve-connect, a real ManageSieve client (Debian package sieve-connect), against the gateway:
 * STARTTLS, AUTHENTICATE PLAIN, then upload, activate, list and download, one run each, as a user's
 * scripts would be managed.
 */
class SieveConnectClientTest extends ImapTestBase {

    private static final Path SIEVE_CONNECT = Path.of("/usr/bin/sieve-connect");

    @Autowired
    @Qualifier("manageSieveServer")
    MailProtocolServer sieve;
    @Autowired
    SieveScriptRepository scripts;

    @TempDir
    Path dir;

    @Test
    void uploadsAndActivatesAScript() throws Exception {
        assumePresent(Files.isExecutable(SIEVE_CONNECT),
                "sieve-connect is not installed (apt-get install sieve-connect; .ci/run does it)");
        Account account = newAccount();
        String script = "require [\"fileinto\", \"vacation\"];\n"
                + "if header :contains \"List-Id\" \"dev.example.test\" {\n  fileinto \"Lists\";\n  stop;\n}\n"
                + "vacation :days 7 :subject \"Away\" text:\nI am away this week.\n.\n;\n";
        Path local = dir.resolve("filters.sieve");
        Files.writeString(local, script);

        Run upload = sieveConnect(account, "--upload", "--localsieve", local.toString(), "--remotesieve", "filters");
        assertThat(upload.exit()).as(upload.output()).isZero();
        assertThat(scripts.find(account.id(), "filters")).map(SieveScript::content).contains(script);

        Run activate = sieveConnect(account, "--activate", "--remotesieve", "filters");
        assertThat(activate.exit()).as(activate.output()).isZero();
        assertThat(scripts.findActive(account.id())).map(SieveScript::name).contains("filters");

        Run list = sieveConnect(account, "--list");
        assertThat(list.exit()).as(list.output()).isZero();
        assertThat(list.output()).contains("filters");

        Path downloaded = dir.resolve("downloaded.sieve");
        Run download = sieveConnect(account, "--download", "--remotesieve", "filters", "--localsieve", downloaded.toString());
        assertThat(download.exit()).as(download.output()).isZero();
        assertThat(Files.readString(downloaded)).isEqualTo(script);

        // A script the server refuses is reported as a failure, and nothing is stored.
        Path broken = dir.resolve("broken.sieve");
        Files.writeString(broken, "if true {\n  keep;\n");
        Run refused = sieveConnect(account, "--upload", "--localsieve", broken.toString(), "--remotesieve", "broken");
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(scripts.find(account.id(), "broken")).isEmpty();
    }

    private Run sieveConnect(Account account, String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SIEVE_CONNECT.toString(),
                "--server", "127.0.0.1", "--port", Integer.toString(sieve.boundPort("sieve")),
                "--user", account.address().toString(), "--passwordfd", "0", "--authmech", "PLAIN",
                "--notlsverify"));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sieve-connect did not finish: " + output.getNow(""));
        }
        return new Run(process.exitValue(), output.join());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exit, String output) {
    }
}
