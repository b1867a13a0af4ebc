package org.mailplatform.msgauth.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * A DKIM key record from {@code selector._domainkey.domain} (RFC 6376 3.6.1), with the key it
 * publishes.
 *
 * @param keyType      k=, {@code rsa} or {@code ed25519} (RFC 8463 4)
 * @param key          the public key
 * @param hashes       h=, or empty for any
 * @param strictDomain t=s: the i= domain must be d= exactly, no subdomain
 * @param testing      t=y: the domain is testing DKIM
 */
record DkimKeyRecord(String keyType, PublicKey key, List<String> hashes, boolean strictDomain, boolean testing) {

    /** RFC 8410 SubjectPublicKeyInfo prefix for a raw 32-byte Ed25519 key. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** RFC 8301 3.2: keys smaller than 1024 bits MUST NOT be considered valid. */
    static final int MIN_RSA_BITS = 1024;

    static DkimKeyRecord parse(String text) {
        DkimTagList tags = DkimTagList.parse(text);
        if (tags.has("v")) {
            if (!"v".equals(tags.firstName()) || !"DKIM1".equals(tags.get("v"))) {
                throw new DkimPermanentError("key record: v= must be DKIM1 and first");
            }
        }
        String keyType = tags.has("k") ? DkimTagList.lower(tags.get("k")) : "rsa";
        String services = tags.has("s") ? DkimTagList.withoutWhiteSpace(tags.get("s")) : "*";
        if (!List.of(services.split(":")).contains("*") && !List.of(services.split(":")).contains("email")) {
            throw new DkimPermanentError("key record not for email (s=" + services + ")");
        }
        String p = DkimTagList.withoutWhiteSpace(tags.require("p"));
        if (p.isEmpty()) {
            // 3.6.1: an empty p= means the key has been revoked.
            throw new DkimPermanentError("key revoked");
        }
        byte[] keyBytes;
        try {
            keyBytes = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new DkimPermanentError("key record: invalid base64 in p=");
        }
        PublicKey key = switch (keyType) {
            case "rsa" -> rsaKey(keyBytes);
            case "ed25519" -> ed25519Key(keyBytes);
            default -> throw new DkimPermanentError("unknown key type k=" + keyType);
        };
        List<String> hashes = tags.has("h")
                ? List.of(DkimTagList.lower(DkimTagList.withoutWhiteSpace(tags.get("h"))).split(":"))
                : List.of();
        String flags = tags.has("t") ? DkimTagList.withoutWhiteSpace(tags.get("t")) : "";
        List<String> flagList = List.of(flags.split(":"));
        return new DkimKeyRecord(keyType, key, hashes, flagList.contains("s"), flagList.contains("y"));
    }

    private static PublicKey rsaKey(byte[] der) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
                throw new DkimPermanentError("RSA key shorter than " + MIN_RSA_BITS + " bits (RFC 8301)");
            }
            return key;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new DkimPermanentError("key record: p= is not an RSA public key");
        }
    }

    private static PublicKey ed25519Key(byte[] raw) {
        // RFC 8463 4.2: p= is the bare 32-byte public key, not an ASN.1 structure.
        if (raw.length != 32) {
            throw new DkimPermanentError("key record: Ed25519 key is not 32 octets");
        }
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new DkimPermanentError("key record: invalid Ed25519 key");
        }
    }
}
