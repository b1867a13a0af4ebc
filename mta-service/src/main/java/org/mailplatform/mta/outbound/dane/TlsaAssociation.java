package org.mailplatform.mta.outbound.dane;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import org.xbill.DNS.TLSARecord;

/**
 * One TLSA record's certificate association (RFC 6698 2.1), as an SMTP client may use it.
 *
 * @param usage        RFC 6698 2.1.1: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE
 * @param selector     2.1.2: 0 the full certificate, 1 its SubjectPublicKeyInfo
 * @param matchingType 2.1.3: 0 the data itself, 1 its SHA-256, 2 its SHA-512
 * @param data         the certificate association data
 */
public record TlsaAssociation(int usage, int selector, int matchingType, byte[] data) {

    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    public static TlsaAssociation of(TLSARecord record) {
        return new TlsaAssociation(record.getCertificateUsage(), record.getSelector(), record.getMatchingType(),
                record.getCertificateAssociationData());
    }

    /**
     * RFC 7672 3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP, as are unknown usages,
     * selectors and matching types (RFC 6698 4.1), and digests of the wrong length (RFC 7671 10.1.2).
     */
    public boolean usable() {
        if (usage != DANE_TA && usage != DANE_EE) {
            return false;
        }
        if (selector != 0 && selector != 1) {
            return false;
        }
        return switch (matchingType) {
            case 0 -> data.length > 0;
            case 1 -> data.length == 32;
            case 2 -> data.length == 64;
            default -> false;
        };
    }

    /** RFC 6698 2.1.2-2.1.3: the selected part of {@code certificate}, digested as the record says, equals the data. */
    public boolean matches(X509Certificate certificate) {
        byte[] selected;
        try {
            selected = selector == 0 ? certificate.getEncoded() : certificate.getPublicKey().getEncoded();
        } catch (CertificateEncodingException e) {
            return false;
        }
        return MessageDigest.isEqual(data, digest(selected));
    }

    /** The certificate association data this record would hold for {@code selected}. */
    byte[] digest(byte[] selected) {
        try {
            return switch (matchingType) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> new byte[0];
            };
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsaAssociation(int u, int s, int m, byte[] d)
                && u == usage && s == selector && m == matchingType && MessageDigest.isEqual(d, data);
    }

    @Override
    public int hashCode() {
        return (usage * 31 + selector) * 31 + matchingType;
    }

    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
