package org.mailplatform.tls;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a PEM certificate chain and private key as found in a Kubernetes {@code kubernetes.io/tls}
 * secret: {@code tls.crt} holds the server certificate followed by any intermediates (RFC 7468 §5),
 * {@code tls.key} holds one unencrypted key as PKCS#8 ({@code PRIVATE KEY}, RFC 7468 §10),
 * PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1 ({@code EC PRIVATE KEY}, RFC 5915), optionally preceded by
 * an {@code EC PARAMETERS} block as {@code openssl ecparam -genkey} writes it.
 * Keys come out as JDK key objects, so both the JDK and the OpenSSL TLS engines accept them.
 */
public final class PemCredentialsReader {

    public static final String CERTIFICATE_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";

    private PemCredentialsReader() {
    }

    /** Reads {@code tls.crt} and {@code tls.key} from {@code directory} (symbolic links are followed). */
    public static TlsCredentials read(Path directory) {
        try {
            return read(Files.readAllBytes(directory.resolve(CERTIFICATE_FILE)), Files.readAllBytes(directory.resolve(KEY_FILE)));
        } catch (IOException e) {
            throw new InvalidCredentialsException("cannot read " + directory.resolve(CERTIFICATE_FILE) + " / " + KEY_FILE + ": " + e, e);
        }
    }

    public static TlsCredentials read(byte[] certificatePem, byte[] keyPem) {
        return new TlsCredentials(readPrivateKey(keyPem), readCertificates(certificatePem));
    }

    public static List<X509Certificate> readCertificates(byte[] pem) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(reader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (!(object instanceof X509CertificateHolder holder)) {
                    throw new InvalidCredentialsException("the certificate file holds a " + describe(object) + ", expected CERTIFICATE blocks only");
                }
                chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new InvalidCredentialsException("unreadable certificate PEM: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new InvalidCredentialsException("the certificate file holds no CERTIFICATE block");
        }
        return chain;
    }

    public static PrivateKey readPrivateKey(byte[] pem) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        ASN1ObjectIdentifier namedCurve = null;
        try (PEMParser parser = new PEMParser(reader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                PrivateKey found = switch (object) {
                    case PEMKeyPair pair -> converter.getPrivateKey(withCurve(pair.getPrivateKeyInfo(), namedCurve));
                    case PrivateKeyInfo info -> converter.getPrivateKey(info);
                    // openssl ecparam -genkey writes the curve ahead of the key (RFC 5915 §3 makes the key's own copy optional)
                    case ASN1ObjectIdentifier curve -> {
                        namedCurve = curve;
                        yield null;
                    }
                    case X9ECParameters parameters -> null;
                    case PEMEncryptedKeyPair encrypted -> throw encryptedKey();
                    case PKCS8EncryptedPrivateKeyInfo encrypted -> throw encryptedKey();
                    default -> throw new InvalidCredentialsException("the key file holds a " + describe(object) + ", expected a private key");
                };
                if (found != null) {
                    if (key != null) {
                        throw new InvalidCredentialsException("the key file holds more than one private key");
                    }
                    key = found;
                }
            }
        } catch (IOException e) {
            throw new InvalidCredentialsException("unreadable private key PEM: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new InvalidCredentialsException("the key file holds no private key");
        }
        return key;
    }

    private static PrivateKeyInfo withCurve(PrivateKeyInfo info, ASN1ObjectIdentifier namedCurve) throws IOException {
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm()) || hasParameters(algorithm)) {
            return info;
        }
        if (namedCurve == null) {
            throw new InvalidCredentialsException("the EC private key names no curve and no EC PARAMETERS block precedes it");
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, namedCurve), info.parsePrivateKey());
    }

    private static boolean hasParameters(AlgorithmIdentifier algorithm) {
        return algorithm.getParameters() != null && !DERNull.INSTANCE.equals(algorithm.getParameters());
    }

    private static InvalidCredentialsException encryptedKey() {
        return new InvalidCredentialsException("the private key is encrypted; a TLS secret must hold an unencrypted key");
    }

    private static Reader reader(byte[] pem) {
        return new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII);
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName();
    }
}
