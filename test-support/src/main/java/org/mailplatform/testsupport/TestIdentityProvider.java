package org.mailplatform.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OpenID Connect provider on loopback for the OAuth login tests: it serves its discovery
 * document ({@code /.well-known/openid-configuration}, OpenID Connect Discovery 1.0 §4) and its
 * key set ({@code /jwks.json}, RFC 7517) over plain http, with keys it generates (RSA 2048, EC
 * P-256, Ed25519), and signs the tokens the tests present. Keys can be added (rotation) and the
 * key set fetches counted.
 */
public final class TestIdentityProvider implements AutoCloseable {

    /** The kinds of key the provider signs with. */
    public enum KeyKind { RSA, EC, ED25519 }

    private final HttpServer server;
    private final String issuer;
    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    private final Map<String, SigningKey> unpublished = new LinkedHashMap<>();
    private final AtomicInteger keySetFetches = new AtomicInteger();

    private TestIdentityProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/test";
        server.createContext("/realms/test/.well-known/openid-configuration", e -> reply(e, discoveryDocument()));
        server.createContext("/realms/test/jwks.json", e -> {
            keySetFetches.incrementAndGet();
            reply(e, keySet());
        });
        server.start();
        addKey(KeyKind.RSA);
        addKey(KeyKind.EC);
        addKey(KeyKind.ED25519);
    }

    public static TestIdentityProvider start() {
        try {
            return new TestIdentityProvider();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test identity provider", e);
        }
    }

    /** The issuer identifier, as tokens' {@code iss}. */
    public String issuer() {
        return issuer;
    }

    public URI jwksUri() {
        return URI.create(issuer + "/jwks.json");
    }

    /** How often the key set was fetched. */
    public int keySetFetches() {
        return keySetFetches.get();
    }

    /** A new published key of this kind (as a provider rotating its keys adds one); returns its kid. */
    public synchronized String addKey(KeyKind kind) {
        String kid = kind.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
        keys.put(kid, SigningKey.generate(kind, kid));
        return kid;
    }

    /** A key the provider signs with but does not publish (a made-up key id); returns its kid. */
    public synchronized String addKeyUnpublished(KeyKind kind) {
        String kid = "unpublished-" + UUID.randomUUID().toString().substring(0, 8);
        unpublished.put(kid, SigningKey.generate(kind, kid));
        return kid;
    }

    /** The kid of the first published key of this kind. */
    public synchronized String kid(KeyKind kind) {
        return keys.values().stream().filter(k -> k.kind == kind).findFirst().orElseThrow().kid;
    }

    /** Claims of a valid token: this issuer, the audience, the account's address as {@code email}, scope {@code mail}, five minutes left. */
    public JWTClaimsSet.Builder claims(String account, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(UUID.randomUUID().toString())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("email", account)
                .claim("email_verified", true)
                .claim("scope", "openid email mail")
                .claim("preferred_username", account);
    }

    /** Signs with the first key of this kind. */
    public String sign(KeyKind kind, JWTClaimsSet claims) {
        return sign(kid(kind), claims);
    }

    /** Signs with the key {@code kid}. */
    public synchronized String sign(String kid, JWTClaimsSet claims) {
        SigningKey key = keys.containsKey(kid) ? keys.get(kid) : unpublished.get(kid);
        if (key == null) {
            throw new IllegalArgumentException("no key " + kid);
        }
        return key.sign(claims, kid);
    }

    /** A token whose header names a published key but that another key of the same kind signed. */
    public String forge(KeyKind kind, JWTClaimsSet claims) {
        return SigningKey.generate(kind, "forger").sign(claims, kid(kind));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String discoveryDocument() {
        return "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri() + "\","
                + "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\",\"EdDSA\"]}";
    }

    private synchronized String keySet() {
        List<JWK> published = new ArrayList<>();
        keys.values().forEach(k -> published.add(k.publicJwk));
        return new JWKSet(published).toString(true);
    }

    private static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** One key pair and how it signs. */
    private record SigningKey(KeyKind kind, String kid, KeyPair pair, JWK publicJwk) {

        static SigningKey generate(KeyKind kind, String kid) {
            try {
                return switch (kind) {
                    case RSA -> {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                        g.initialize(2048);
                        KeyPair pair = g.generateKeyPair();
                        yield new SigningKey(kind, kid, pair, new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build());
                    }
                    case EC -> {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                        g.initialize(Curve.P_256.toECParameterSpec());
                        KeyPair pair = g.generateKeyPair();
                        yield new SigningKey(kind, kid, pair, new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic())
                                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build());
                    }
                    case ED25519 -> {
                        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                        // The X.509 encoding ends with the 32 raw key octets (RFC 8410 §4).
                        byte[] spki = pair.getPublic().getEncoded();
                        byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                        yield new SigningKey(kind, kid, pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                                .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build());
                    }
                };
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String sign(JWTClaimsSet claims, String headerKid) {
            try {
                JWSAlgorithm alg = switch (kind) {
                    case RSA -> JWSAlgorithm.RS256;
                    case EC -> JWSAlgorithm.ES256;
                    case ED25519 -> JWSAlgorithm.EdDSA;
                };
                JWSHeader header = new JWSHeader.Builder(alg).keyID(headerKid).type(JOSEObjectType.JWT).build();
                if (kind == KeyKind.ED25519) {
                    // Signed with the JDK's Ed25519 (the JOSE library's signer needs another crypto library).
                    String input = header.toBase64URL() + "." + Base64URL.encode(claims.toString());
                    Signature signer = Signature.getInstance("Ed25519");
                    signer.initSign(pair.getPrivate());
                    signer.update(input.getBytes(StandardCharsets.US_ASCII));
                    return input + "." + Base64URL.encode(signer.sign());
                }
                SignedJWT jwt = new SignedJWT(header, claims);
                jwt.sign(kind == KeyKind.RSA ? new RSASSASigner((RSAPrivateKey) pair.getPrivate())
                        : new ECDSASigner((ECPrivateKey) pair.getPrivate()));
                return jwt.serialize();
            } catch (JOSEException | GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
