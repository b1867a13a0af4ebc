package org.mailplatform.store.dkim;

import java.time.Instant;

/**
 * A DKIM signing key as stored. {@link #toString()} leaves the private key out.
 *
 * @param algorithm     {@code rsa-sha256} or {@code ed25519-sha256}
 * @param privateKeyPem PEM PKCS#8
 * @param signsFrom     the key signs from this instant on
 */
public record StoredDkimKey(String domain, String selector, String algorithm, String privateKeyPem, Instant signsFrom,
                            Instant createdAt) {

    @Override
    public String toString() {
        return "StoredDkimKey[" + selector + "._domainkey." + domain + " " + algorithm + " from " + signsFrom + "]";
    }
}
