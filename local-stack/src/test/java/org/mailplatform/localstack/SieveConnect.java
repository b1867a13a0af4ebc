package org.mailplatform.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Debian {@code sieve-connect} client against a ManageSieve port: STARTTLS (the dev
 * certificate is self-signed, so it is not verified), AUTHENTICATE PLAIN with the password on
 * standard input, then one action per run.
 */
final class SieveConnect {

    static final Path PROGRAM = Path.of("/usr/bin/sieve-connect");

    private final int port;
    private final String user;
    private final String password;

    SieveConnect(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    static boolean installed() {
        return Files.isExecutable(PROGRAM);
    }

    Run upload(Path local, String name) throws IOException, InterruptedException {
        return run("--upload", "--localsieve", local.toString(), "--remotesieve", name);
    }

    Run activate(String name) throws IOException, InterruptedException {
        return run("--activate", "--remotesieve", name);
    }

    Run list() throws IOException, InterruptedException {
        return run("--list");
    }

    Run run(String... action) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PROGRAM.toString(),
                "--server", "127.0.0.1", "--port", Integer.toString(port),
                "--user", user, "--passwordfd", "0", "--authmech", "PLAIN", "--notlsverify"));
        command.addAll(List.of(action));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
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
            throw new UncheckedIOException(e);
        }
    }

    record Run(int exit, String output) {
    }
}
