package org.mailplatform.auth.oauth;

import java.security.Key;
import java.security.interfaces.EdECPublicKey;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;

/** The JOSE library's verifiers for RSA and EC, the JDK's for Ed25519 ({@link Ed25519Verifier}). */
final class JwsVerifiers implements JWSVerifierFactory {

    private final DefaultJWSVerifierFactory defaults = new DefaultJWSVerifierFactory();

    @Override
    public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
        if (Ed25519Verifier.ALGORITHMS.contains(header.getAlgorithm())) {
            if (!(key instanceof EdECPublicKey edKey)) {
                throw new JOSEException("an EdDSA token needs an Ed25519 key");
            }
            return new Ed25519Verifier(edKey);
        }
        return defaults.createJWSVerifier(header, key);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return JwkKeySelector.ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return defaults.getJCAContext();
    }
}
