package org.mailplatform.mta.outbound.dane;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Judges an SMTP server's certificate chain by the usable TLSA records of its TLSA base domain
 * (RFC 7672 3.1, RFC 7671 5). One instance per connection attempt: it remembers whether the chain
 * was refused for not matching, for the metrics.
 */
final class DaneTrustManager extends X509ExtendedTrustManager {

    private final List<TlsaAssociation> tlsa;
    private final List<String> referenceNames;
    private volatile boolean mismatched;

    /**
     * @param tlsa           usable records only
     * @param referenceNames the names a DANE-TA chain's server certificate must carry (RFC 7672
     *                       3.2.2: the TLSA base domain and the MX host name), lower case, no trailing dot
     */
    DaneTrustManager(List<TlsaAssociation> tlsa, List<String> referenceNames) {
        this.tlsa = List.copyOf(tlsa);
        this.referenceNames = List.copyOf(referenceNames);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw mismatch("the server sent no certificate");
        }
        // RFC 7672 3.1.1: DANE-EE matches the server's own certificate or key; names and dates do not matter.
        for (TlsaAssociation record : tlsa) {
            if (record.usage() == TlsaAssociation.DANE_EE && record.matches(chain[0])) {
                return;
            }
        }
        String nameProblem = null;
        for (TlsaAssociation record : tlsa) {
            if (record.usage() != TlsaAssociation.DANE_TA) {
                continue;
            }
            for (int i = 0; i < chain.length; i++) {
                if (!record.matches(chain[i])) {
                    continue;
                }
                if (!chainsTo(chain, i)) {
                    continue;
                }
                // RFC 7672 3.2.2: with DANE-TA the server certificate must name the host.
                if (namesHost(chain[0])) {
                    return;
                }
                nameProblem = "the certificate names none of " + referenceNames;
            }
        }
        throw mismatch(nameProblem != null ? nameProblem
                : "no TLSA record (" + tlsa + ") matches the certificate chain of " + chain.length);
    }

    /** RFC 7671 5.2.2: the matched certificate is the trust anchor, whatever its own dates; the path below it is checked. */
    private static boolean chainsTo(X509Certificate[] chain, int anchorIndex) {
        X509Certificate anchor = chain[anchorIndex];
        if (anchorIndex == 0) {
            return true;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PKIXParameters params = new PKIXParameters(Set.of(
                    new TrustAnchor(anchor.getSubjectX500Principal(), anchor.getPublicKey(), null)));
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(
                    factory.generateCertPath(Arrays.asList(chain).subList(0, anchorIndex)), params);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** RFC 6125 6.4 as RFC 7672 3.2.3 narrows it: DNS names of the subjectAltName, the CN only without them. */
    boolean namesHost(X509Certificate certificate) {
        List<String> dnsNames = dnsNames(certificate);
        if (dnsNames.isEmpty()) {
            String cn = commonName(certificate);
            dnsNames = cn == null ? List.of() : List.of(cn);
        }
        for (String presented : dnsNames) {
            for (String reference : referenceNames) {
                if (matchesName(presented.toLowerCase(Locale.ROOT), reference)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** RFC 7672 3.2.3: a wildcard stands for exactly one whole leftmost label. */
    static boolean matchesName(String presented, String reference) {
        String name = presented.endsWith(".") ? presented.substring(0, presented.length() - 1) : presented;
        if (name.startsWith("*.")) {
            int dot = reference.indexOf('.');
            return dot > 0 && reference.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(reference);
    }

    private static List<String> dnsNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            return names.stream().filter(n -> Integer.valueOf(2).equals(n.get(0))).map(n -> String.valueOf(n.get(1))).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }

    private CertificateException mismatch(String why) {
        mismatched = true;
        return new CertificateException("DANE: " + why);
    }

    /** Whether the last chain offered was refused for not matching the TLSA records. */
    boolean mismatched() {
        return mismatched;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client-side trust manager only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
