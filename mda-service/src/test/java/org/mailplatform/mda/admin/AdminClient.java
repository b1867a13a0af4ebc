package org.mailplatform.mda.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the admin API, sending the given token (or none). */
final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;
    private final Optional<String> authorization;

    private AdminClient(int port, Optional<String> authorization) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = authorization;
    }

    static AdminClient withToken(int port) {
        return new AdminClient(port, Optional.of("Bearer " + AdminApiTest.TOKEN));
    }

    /** @param authorization the whole Authorization header value, or empty for none */
    static AdminClient withAuthorization(int port, Optional<String> authorization) {
        return new AdminClient(port, authorization);
    }

    String baseUrl() {
        return base;
    }

    Reply get(String path) {
        return send(builder(path).GET());
    }

    Reply getAccepting(String path, String accept) {
        return send(builder(path).header("Accept", accept).GET());
    }

    Reply post(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply patch(String path, String json) {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String contentType, String body) {
        return send(builder(path).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            return new Reply(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One response: status, headers and body (parsed when it is JSON). */
    record Reply(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return JsonMapper.shared().readTree(response.body());
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }
    }
}
