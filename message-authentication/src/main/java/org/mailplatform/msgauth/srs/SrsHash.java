package org.mailplatform.msgauth.srs;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash of an SRS address, as libsrs2's {@code srs_hash_create} makes it: HMAC-SHA1 keyed with
 * the secret over the parts one after the other, each with ASCII letters lower-cased (so a
 * receiver that changes the case of the address does not break it), base64-encoded, the first
 * {@value #LENGTH} characters kept.
 */
final class SrsHash {

    static final int LENGTH = 4;

    private SrsHash() {
    }

    static String of(String secret, String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            for (String part : parts) {
                mac.update(asciiLowerCase(part).getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(mac.doFinal()).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is missing from the JDK", e);
        }
    }

    /** The hash matches for one of the secrets, whatever the case of its letters (libsrs2 {@code srs_hash_check}). */
    static boolean matches(String hash, Iterable<String> secrets, String... parts) {
        if (hash.length() != LENGTH) {
            return false;
        }
        for (String secret : secrets) {
            if (of(secret, parts).equalsIgnoreCase(hash)) {
                return true;
            }
        }
        return false;
    }

    private static String asciiLowerCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return out.toString();
    }
}
