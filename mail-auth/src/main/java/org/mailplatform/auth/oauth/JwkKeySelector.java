package org.mailplatform.auth.oauth;

import java.security.Key;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's public keys that may have signed a token: those of the key set whose type, curve,
 * {@code kid}, {@code use} and {@code alg} fit the token's header (RFC 7517 §4, RFC 7515 §4.1.4),
 * for RS256, ES256 and EdDSA on Ed25519 only. RSA keys shorter than 2048 bits are passed over
 * (RFC 7518 §3.3). Ed25519 keys become JDK keys, which the JOSE library does not make itself.
 */
final class JwkKeySelector implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
            JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private static final int MIN_RSA_BITS = 2048;

    private final JWKSource<SecurityContext> keys;

    JwkKeySelector(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            return List.of();
        }
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return List.of();
        }
        List<Key> found = new ArrayList<>();
        for (JWK jwk : keys.get(new JWKSelector(matcher), context)) {
            try {
                switch (jwk) {
                    case RSAKey rsa -> {
                        RSAPublicKey key = rsa.toRSAPublicKey();
                        if (key.getModulus().bitLength() >= MIN_RSA_BITS) {
                            found.add(key);
                        }
                    }
                    case ECKey ec -> found.add(ec.toECPublicKey());
                    case OctetKeyPair okp -> found.add(Ed25519Verifier.publicKey(okp));
                    default -> {
                    }
                }
            } catch (JOSEException e) {
                // A key the set cannot express as a public key is passed over, as the library does.
            }
        }
        return found;
    }
}
