package org.mailplatform.msgauth.dkim;

import java.util.Locale;
import java.util.Optional;

/**
 * The signing algorithms this platform signs with: rsa-sha256 (RFC 6376 3.3.1; rsa-sha1 is
 * historic, RFC 8301) and ed25519-sha256 (RFC 8463 3). Each message gets one signature per
 * algorithm its domain has a key for, so a verifier that knows only RSA still finds one it can check.
 */
public enum DkimAlgorithm {

    RSA_SHA256("rsa-sha256", "rsa", "RSA"),
    ED25519_SHA256("ed25519-sha256", "ed25519", "Ed25519");

    private final String tag;
    private final String keyType;
    private final String jcaName;

    DkimAlgorithm(String tag, String keyType, String jcaName) {
        this.tag = tag;
        this.keyType = keyType;
        this.jcaName = jcaName;
    }

    /** The value of the signature's {@code a=} tag. */
    public String tag() {
        return tag;
    }

    /** The value of the key record's {@code k=} tag (RFC 6376 3.6.1, RFC 8463 4.1). */
    public String keyType() {
        return keyType;
    }

    /** The JCA key algorithm name. */
    String jcaName() {
        return jcaName;
    }

    /** By {@code a=} tag or {@code k=} key type, case-insensitively. */
    public static Optional<DkimAlgorithm> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (DkimAlgorithm a : values()) {
            if (a.tag.equals(n) || a.keyType.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** The algorithm of a JCA key ({@code RSA}, {@code Ed25519} / {@code EdDSA}). */
    static Optional<DkimAlgorithm> ofKeyAlgorithm(String jcaAlgorithm) {
        return switch (jcaAlgorithm) {
            case "RSA" -> Optional.of(RSA_SHA256);
            case "Ed25519", "EdDSA", "ED25519" -> Optional.of(ED25519_SHA256);
            default -> Optional.empty();
        };
    }
}
