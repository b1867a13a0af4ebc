package org.mailplatform.auth.sasl;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The client messages of OAUTHBEARER (RFC 7628 §3.1) and XOAUTH2 and their error challenges
 * (RFC 7628 §3.2.2). Parsing never throws: anything out of the grammar gives an empty result.
 */
final class BearerMessages {

    /** Far above any real token (a few KiB), far below what a line may carry. */
    static final int MAX_MESSAGE = 32 * 1024;

    static final byte KVSEP = 0x01;

    /** What a client message carries. */
    record Message(Optional<String> user, String token) {
    }

    private BearerMessages() {
    }

    /**
     * RFC 7628 §3.1: {@code gs2-header kvsep *kvpair kvsep} with {@code gs2-header = gs2-cbind-flag
     * "," [authzid] ","} (RFC 5801 §4). Channel binding ({@code p=}) is not supported by the
     * mechanism and is refused; {@code host} and {@code port} are read past; {@code auth} is required.
     */
    static Optional<Message> oauthBearer(byte[] message) {
        if (message.length == 0 || message.length > MAX_MESSAGE) {
            return Optional.empty();
        }
        int end = indexOf(message, KVSEP, 0);
        if (end < 0) {
            return Optional.empty();
        }
        Optional<String> header = SaslExchange.utf8(message, 0, end);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Optional<Optional<String>> authzid = gs2Authzid(header.get());
        if (authzid.isEmpty()) {
            return Optional.empty();
        }
        return pairs(message, end + 1).flatMap(p -> bearer(p.get("auth")).map(t -> new Message(authzid.get(), t)));
    }

    /** XOAUTH2: {@code "user=" address ^A "auth=Bearer " token ^A ^A}. */
    static Optional<Message> xoauth2(byte[] message) {
        if (message.length == 0 || message.length > MAX_MESSAGE) {
            return Optional.empty();
        }
        return pairs(message, 0).flatMap(p -> {
            String user = p.get("user");
            if (user == null || user.isEmpty()) {
                return Optional.empty();
            }
            return bearer(p.get("auth")).map(t -> new Message(Optional.of(user), t));
        });
    }

    /** The JSON error of RFC 7628 §3.2.2 ({@code status}, {@code schemes}, {@code scope}, {@code openid-configuration}). */
    static byte[] errorChallenge(String status, Optional<String> scope, Optional<String> discovery) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("status", status);
        fields.put("schemes", "bearer");
        scope.ifPresent(s -> fields.put("scope", s));
        discovery.ifPresent(d -> fields.put("openid-configuration", d));
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(k)).append(':').append(quote(v));
        });
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The flag and the optional {@code a=} authzid; saslname escapes ({@code =2C}, {@code =3D}) undone (RFC 5801 §4). */
    private static Optional<Optional<String>> gs2Authzid(String header) {
        int comma = header.indexOf(',');
        if (comma < 0 || !header.endsWith(",") || header.length() == comma + 1) {
            return Optional.empty();
        }
        String flag = header.substring(0, comma);
        if (!flag.equals("n") && !flag.equals("y")) {
            return Optional.empty();
        }
        String authzid = header.substring(comma + 1, header.length() - 1);
        if (authzid.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        if (!authzid.startsWith("a=") || authzid.length() == 2) {
            return Optional.empty();
        }
        StringBuilder name = new StringBuilder();
        String raw = authzid.substring(2);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ',' || c == 0) {
                return Optional.empty();
            }
            if (c == '=') {
                String escape = raw.length() >= i + 3 ? raw.substring(i + 1, i + 3) : "";
                if (escape.equals("2C")) {
                    name.append(',');
                } else if (escape.equals("3D")) {
                    name.append('=');
                } else {
                    return Optional.empty();
                }
                i += 2;
            } else {
                name.append(c);
            }
        }
        return Optional.of(Optional.of(name.toString()));
    }

    /**
     * {@code *kvpair kvsep} from {@code from} to the end: {@code key "=" value kvsep}, key 1*ALPHA,
     * the value without control characters other than HTAB, CR and LF (RFC 7628 §3.1; UTF-8 is let
     * through for XOAUTH2's user). A repeated key is refused.
     */
    private static Optional<Map<String, String>> pairs(byte[] message, int from) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int pos = from;
        while (true) {
            if (pos >= message.length) {
                return Optional.empty();
            }
            if (message[pos] == KVSEP) {
                return pos == message.length - 1 ? Optional.of(pairs) : Optional.empty();
            }
            int end = indexOf(message, KVSEP, pos);
            int eq = indexOf(message, (byte) '=', pos);
            if (end < 0 || eq < 0 || eq > end || eq == pos) {
                return Optional.empty();
            }
            for (int i = pos; i < eq; i++) {
                byte b = message[i];
                if (!((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))) {
                    return Optional.empty();
                }
            }
            for (int i = eq + 1; i < end; i++) {
                byte b = message[i];
                if ((b >= 0 && b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
                    return Optional.empty();
                }
            }
            String key = new String(message, pos, eq - pos, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            Optional<String> value = SaslExchange.utf8(message, eq + 1, end);
            if (value.isEmpty() || pairs.putIfAbsent(key, value.get()) != null) {
                return Optional.empty();
            }
            pos = end + 1;
        }
    }

    /** RFC 6750 §2.1: {@code "Bearer" 1*SP b64token}; the scheme is case-insensitive (RFC 9110 §11.1). */
    private static Optional<String> bearer(String auth) {
        if (auth == null || auth.length() < 8 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = auth.substring(7).stripLeading();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        int i = 0;
        while (i < token.length() && isB64TokenChar(token.charAt(i))) {
            i++;
        }
        while (i < token.length() && token.charAt(i) == '=') {
            i++;
        }
        return i == token.length() && i > 0 && isB64TokenChar(token.charAt(0)) ? Optional.of(token) : Optional.empty();
    }

    private static boolean isB64TokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
