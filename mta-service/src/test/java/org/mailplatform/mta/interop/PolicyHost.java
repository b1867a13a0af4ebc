package org.mailplatform.mta.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A real HTTPS server (the JDK's) on 127.0.0.1 playing every {@code mta-sts.<domain>} policy host
 * and a TLS report endpoint: answers are set per domain, report POSTs are kept.
 */
final class PolicyHost implements AutoCloseable {

    /** What a policy host answers. */
    record Answer(int status, String contentType, byte[] body, String location) {
        static Answer policy(String text) {
            return new Answer(200, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    /** A report as posted. */
    record Post(String host, String path, String contentType, byte[] body) {
    }

    private final HttpsServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();

    PolicyHost(SSLContext tls) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/.well-known/mta-sts.txt", this::policy);
        server.createContext("/tlsrpt", this::report);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** What {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} answers from now on. */
    void answer(String domain, Answer answer) {
        answers.put("mta-sts." + domain, answer);
    }

    List<Post> posts() {
        return List.copyOf(posts);
    }

    private void policy(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = hostOf(exchange);
            Answer answer = answers.get(host);
            if (answer == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private void report(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            posts.add(new Post(hostOf(exchange), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), in.readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static String hostOf(HttpExchange exchange) {
        String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host")).toLowerCase(Locale.ROOT);
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
