package org.mailplatform.msa.autoconfig;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer, free of the server that sends it.
 *
 * @param headers further headers beyond Content-Type and Content-Length
 */
record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String XML = "application/xml; charset=utf-8";
    static final String APPLE_CONFIG = "application/x-apple-aspen-config";
    private static final String TEXT = "text/plain; charset=utf-8";

    HttpAnswer {
        headers = Map.copyOf(headers);
    }

    static HttpAnswer ok(String contentType, String body) {
        return new HttpAnswer(200, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static HttpAnswer error(int status, String message) {
        return new HttpAnswer(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), Map.of());
    }

    HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, body, more);
    }
}
