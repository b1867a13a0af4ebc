package org.mailplatform.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Asks a service's actuator how it is, over HTTP, as a user or Kubernetes would. */
final class HealthProbe {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HealthProbe() {
    }

    static URI healthUri(int httpPort) {
        return URI.create("http://127.0.0.1:" + httpPort + "/actuator/health");
    }

    /** The overall status ({@code UP}, {@code DOWN}, ...), or {@code UNREACHABLE} when nothing answers. */
    static String status(int httpPort) {
        return status(healthUri(httpPort));
    }

    /** The readiness probe's status, as Kubernetes asks it: ready to take traffic. */
    static String readiness(int httpPort) {
        return status(URI.create(healthUri(httpPort) + "/readiness"));
    }

    private static String status(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String status = JSON.readTree(response.body()).path("status").asString("");
            return status.isEmpty() ? "HTTP " + response.statusCode() : status;
        } catch (IOException | JacksonException e) {
            return "UNREACHABLE";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "UNREACHABLE";
        }
    }
}
