package org.mailplatform.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A short load on one service, for its footprint under load: clients side by side, each running
 * sessions one after the other until the time is up. A session logs in where the protocol has a
 * login (plaintext, as the local stack allows) and touches the mailbox, so the database pool,
 * the password check and the protocol code all run; the MDA, which has no mail port, gets HTTP
 * requests. Returns how many sessions completed and how many failed.
 */
final class FootprintLoad {

    record Result(int sessions, int failures) {
    }

    private final Map<String, String> passwords;

    FootprintLoad(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    Result run(PlatformService service, StackPorts ports, int clients, Duration duration) {
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long deadline = System.nanoTime() + duration.toNanos();
        List<String> accounts = new ArrayList<>(passwords.keySet());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                String account = accounts.get(c % accounts.size());
                pool.execute(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            session(service, ports, account);
                            sessions.incrementAndGet();
                        } catch (IOException | RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new Result(sessions.get(), failures.get());
    }

    private void session(PlatformService service, StackPorts ports, String account) throws IOException {
        String password = passwords.get(account);
        switch (service) {
            case MDA -> http(ports.http(service));
            case MSA -> {
                String plain = Base64.getEncoder().encodeToString(("\0" + account + "\0" + password).getBytes(StandardCharsets.UTF_8));
                lines(ports.mail(service.mailListeners().getFirst()), FootprintLoad::smtpLast,
                        "EHLO load.example", "AUTH PLAIN " + plain, "QUIT");
            }
            case MTA -> lines(ports.mail(service.mailListeners().getFirst()), FootprintLoad::smtpLast,
                    "EHLO load.example", "MAIL FROM:<load@load.example>", "RCPT TO:<" + account + ">", "RSET", "QUIT");
            case POP3 -> lines(ports.mail(service.mailListeners().getFirst()), line -> true,
                    "USER " + account, "PASS " + password, "STAT", "QUIT");
            case IMAP -> imap(ports.mail(service.mailListeners().getFirst()), account, password);
        }
    }

    private static boolean smtpLast(String line) {
        return line.length() < 4 || line.charAt(3) != '-';
    }

    /** A line protocol: the greeting, then each command and its reply up to the reply's last line. */
    private static void lines(int port, Predicate<String> lastLine, String... commands) throws IOException {
        try (Socket socket = connect(port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(in, lastLine);
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                reply(in, lastLine);
            }
        }
    }

    private static void imap(int port, String account, String password) throws IOException {
        try (Socket socket = connect(port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            reply(in, line -> true);
            String[] commands = {"a LOGIN \"" + account + "\" \"" + password + "\"", "b SELECT INBOX", "c FETCH 1:* (FLAGS)", "d LOGOUT"};
            for (String command : commands) {
                String tag = command.substring(0, 2);
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                reply(in, line -> line.startsWith(tag));
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void reply(BufferedReader in, Predicate<String> lastLine) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed");
            }
        } while (!lastLine.test(line));
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static void http(int port) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
