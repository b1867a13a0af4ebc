package org.mailplatform.msgauth.dkim;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;

/**
 * ed25519-sha256 as RFC 8463 3 defines it: the data to sign is hashed with SHA-256 first, and
 * the 32-byte hash is signed with PureEdDSA (RFC 8032 5.1). The JDK's {@code Ed25519} signs the
 * bytes it is given, so this wraps it as a {@link Signature} that hashes what it is fed; jDKIM's
 * header canonicalisation writes into it as it would into its own RSA signature.
 */
final class Ed25519Sha256Signature extends Signature {

    private MessageDigest digest;
    private PrivateKey privateKey;
    private PublicKey publicKey;

    Ed25519Sha256Signature() {
        super("ed25519-sha256");
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        privateKey = key;
        publicKey = null;
        digest = sha256();
    }

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        publicKey = key;
        privateKey = null;
        digest = sha256();
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(privateKey);
            ed25519.update(digest.digest());
            return ed25519.sign();
        } catch (GeneralSecurityException e) {
            throw new SignatureException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(digest.digest());
            return ed25519.verify(sigBytes);
        } catch (GeneralSecurityException e) {
            throw new SignatureException("Ed25519 verification failed: " + e.getMessage(), e);
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("ed25519-sha256 has no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("ed25519-sha256 has no parameters");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
