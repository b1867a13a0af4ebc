package org.mailplatform.imap.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's settings, from {@code --name=value} arguments.
 *
 * @param connections  IDLE connections to hold open
 * @param accounts     accounts they are spread over (connection i logs in as account i mod accounts)
 * @param concurrency  logins in progress at once while connecting
 * @param tls          implicit TLS (the 993 listener) instead of plaintext LOGIN on the 143 listener
 * @param productionHash Argon2id at the shipped cost (19 MiB, 2 passes) instead of the tests' cheap one
 * @param heap         the gateway's -Xmx
 * @param gatewayJvmOptions further options for the gateway JVM
 * @param samples      single deliveries timed one by one
 * @param timeout      the whole run ends by then, finished or not
 */
record BenchmarkOptions(int connections, int accounts, int concurrency, boolean tls, boolean productionHash,
                        String heap, List<String> gatewayJvmOptions, int samples, Duration timeout) {

    private static final Set<String> KNOWN = Set.of("connections", "accounts", "concurrency", "tls", "production-hash",
            "heap", "gateway-jvm-options", "samples", "timeout-minutes");

    static BenchmarkOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("arguments are --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; known: " + KNOWN);
            }
            values.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        int connections = Integer.parseInt(values.getOrDefault("connections", "10000"));
        int accounts = Integer.parseInt(values.getOrDefault("accounts", Integer.toString(connections)));
        String jvm = values.getOrDefault("gateway-jvm-options", "").strip();
        BenchmarkOptions options = new BenchmarkOptions(connections, accounts,
                Integer.parseInt(values.getOrDefault("concurrency", "64")),
                Boolean.parseBoolean(values.getOrDefault("tls", "false")),
                Boolean.parseBoolean(values.getOrDefault("production-hash", "false")),
                values.getOrDefault("heap", "512m"),
                jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+")),
                Integer.parseInt(values.getOrDefault("samples", "10")),
                Duration.ofMinutes(Long.parseLong(values.getOrDefault("timeout-minutes", "30"))));
        if (connections < 1 || connections > 60_000 || accounts < 1 || accounts > connections
                || options.concurrency() < 1 || options.samples() < 0) {
            throw new IllegalArgumentException("need 1 <= accounts <= connections <= 60000, concurrency >= 1, samples >= 0");
        }
        return options;
    }
}
