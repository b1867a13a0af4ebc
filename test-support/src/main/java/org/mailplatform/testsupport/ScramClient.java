package org.mailplatform.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for tests that log in over a real socket,
 * written from the RFC apart from the server's code. Passwords are used as given (ASCII in tests,
 * where SASLprep changes nothing). One instance per exchange.
 */
public final class ScramClient {

    private final String username;
    private final String password;
    private final String gs2Header;
    private final byte[] bindingData;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] serverKey;
    private String authMessage;

    /**
     * @param gs2Flag     "n", "y" or "p=tls-exporter" (RFC 5802 7)
     * @param bindingData the cbind-data sent with "p=", null otherwise
     */
    public ScramClient(String username, String password, String gs2Flag, byte[] bindingData) {
        this.username = username;
        this.password = password;
        this.gs2Header = gs2Flag + ",,";
        this.bindingData = bindingData;
        byte[] nonce = new byte[18];
        new SecureRandom().nextBytes(nonce);
        this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    }

    /** The RFC 9266 tls-exporter value of a TLS 1.3 socket, as the server should compute it too. */
    public static byte[] tlsExporter(SSLSocket socket) throws SSLException {
        ExtendedSSLSession session = (ExtendedSSLSession) socket.getSession();
        return session.exportKeyingMaterialData("EXPORTER-Channel-Binding", new byte[0], 32);
    }

    public String clientFirst() {
        clientFirstBare = "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
        return gs2Header + clientFirstBare;
    }

    public String clientFirstBase64() {
        return base64(clientFirst());
    }

    /** The client-final message for this server-first message, proof computed from the password. */
    public String clientFinal(String serverFirst) throws GeneralSecurityException {
        String nonce = null;
        String salt = null;
        int iterations = 0;
        for (String field : serverFirst.split(",")) {
            if (field.startsWith("r=")) {
                nonce = field.substring(2);
            } else if (field.startsWith("s=")) {
                salt = field.substring(2);
            } else if (field.startsWith("i=")) {
                iterations = Integer.parseInt(field.substring(2));
            }
        }
        if (nonce == null || !nonce.startsWith(clientNonce) || salt == null || iterations < 1) {
            throw new IllegalArgumentException("bad server-first message: " + serverFirst);
        }
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] cbind = header;
        if (bindingData != null) {
            cbind = new byte[header.length + bindingData.length];
            System.arraycopy(header, 0, cbind, 0, header.length);
            System.arraycopy(bindingData, 0, cbind, header.length, bindingData.length);
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(cbind) + ",r=" + nonce;
        authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt),
                iterations, 256)).getEncoded();
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        byte[] signature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        serverKey = hmac(salted, "Server Key");
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    public String clientFinalBase64(String serverFirstBase64) throws GeneralSecurityException {
        return base64(clientFinal(decode(serverFirstBase64)));
    }

    /** RFC 5802 3: the server proved it knows the verifier when v= is HMAC(ServerKey, AuthMessage). */
    public boolean serverFinalValid(String serverFinal) throws GeneralSecurityException {
        if (serverKey == null || !serverFinal.startsWith("v=")) {
            return false;
        }
        return MessageDigest.isEqual(Base64.getDecoder().decode(serverFinal.substring(2)), hmac(serverKey, authMessage));
    }

    public static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
