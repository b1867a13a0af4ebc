package org.mailplatform.msgauth.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dns.DnsAnswer;
import org.mailplatform.msgauth.dns.DnsLookup;

/**
 * Verifies the DKIM-Signature fields of a message (RFC 6376 6.1): rsa-sha256 and ed25519-sha256
 * (RFC 8463); rsa-sha1 and RSA keys under 1024 bits are refused (RFC 8301). Keys come from TXT
 * records at {@code selector._domainkey.domain} through the caller's {@link DnsLookup}.
 */
public final class DkimVerifier {

    private final DnsLookup dns;
    private final Clock clock;
    private final int maxSignatures;

    /** @param maxSignatures how many signatures of one message are verified at most (RFC 6376 8.4: bound the work) */
    public DkimVerifier(DnsLookup dns, Clock clock, int maxSignatures) {
        this.dns = dns;
        this.clock = clock;
        this.maxSignatures = maxSignatures;
    }

    /** One result per DKIM-Signature field in header order; empty when the message is not signed. */
    public List<DkimResult> verify(byte[] message) {
        HeaderSection header = HeaderSection.of(message);
        List<DkimResult> results = new ArrayList<>();
        for (HeaderSection.Field field : header.fields()) {
            if (field.named("DKIM-Signature") && results.size() < maxSignatures) {
                results.add(verifyOne(header, field, false));
            }
        }
        return results;
    }

    /**
     * RFC 8617 4.1.2, 5.2: an ARC-Message-Signature is checked exactly as a DKIM-Signature (same
     * canonicalisation, body hash, header hash and key lookup); only its tags differ.
     *
     * @param field the ARC-Message-Signature field in {@code header}
     */
    public DkimResult verifyArcMessageSignature(HeaderSection header, HeaderSection.Field field) {
        return verifyOne(header, field, true);
    }

    /**
     * Verifies a signature over data already canonicalised, with the key published at
     * {@code selector._domainkey.domain}: how an ARC-Seal is checked (RFC 8617 5.1.1, 5.2).
     *
     * @param algorithm the a= value
     */
    public DkimResult verifySignedData(String domain, String selector, String algorithm, byte[] data, byte[] signature) {
        String identity = "@" + domain;
        try {
            String keyType = keyType(algorithm);
            DkimKeyRecord key = fetchKey(selector, domain, algorithm);
            return new DkimResult(verifies(keyType, key, data, signature) ? DkimResult.Outcome.PASS : DkimResult.Outcome.FAIL,
                    domain, selector, identity, algorithm, null, null);
        } catch (DkimPermanentError e) {
            return new DkimResult(DkimResult.Outcome.PERMERROR, domain, selector, identity, algorithm, null, e.getMessage());
        } catch (DkimTemporaryError e) {
            return new DkimResult(DkimResult.Outcome.TEMPERROR, domain, selector, identity, algorithm, null, e.getMessage());
        }
    }

    private DkimResult verifyOne(HeaderSection header, HeaderSection.Field field, boolean arc) {
        String value = header.value(field);
        String shortB = DkimSignatureField.shortSignature(value);
        DkimSignatureField sig;
        try {
            sig = arc ? DkimSignatureField.parseArcMessageSignature(value, clock.instant())
                    : DkimSignatureField.parse(value, clock.instant());
        } catch (DkimPermanentError e) {
            Loose loose = Loose.of(value);
            return new DkimResult(DkimResult.Outcome.PERMERROR, loose.domain, loose.selector, null, loose.algorithm,
                    shortB, e.getMessage());
        }
        try {
            return check(header, field, sig, shortB);
        } catch (DkimPermanentError e) {
            return result(sig, shortB, DkimResult.Outcome.PERMERROR, e.getMessage());
        } catch (DkimTemporaryError e) {
            return result(sig, shortB, DkimResult.Outcome.TEMPERROR, e.getMessage());
        }
    }

    private DkimResult check(HeaderSection header, HeaderSection.Field field, DkimSignatureField sig, String shortB) {
        String keyType = keyType(sig.algorithm());
        DkimKeyRecord key = fetchKey(sig.selector(), sig.domain(), sig.algorithm());
        if (key.strictDomain() && !sig.identity().substring(sig.identity().lastIndexOf('@') + 1).equalsIgnoreCase(sig.domain())) {
            throw new DkimPermanentError("key requires i= domain to equal d= (t=s)");
        }
        byte[] message = header.message();
        byte[] body = DkimCanonicalizer.body(sig.bodyCanon(), message, header.bodyStart());
        if (sig.bodyLength() >= 0) {
            if (sig.bodyLength() > body.length) {
                return result(sig, shortB, DkimResult.Outcome.FAIL, "l= is longer than the body");
            }
            body = java.util.Arrays.copyOf(body, (int) sig.bodyLength());
        }
        if (!MessageDigest.isEqual(sha256(body), sig.bodyHash())) {
            return result(sig, shortB, DkimResult.Outcome.FAIL, "body hash did not verify");
        }
        byte[] signed = SignedHeaderData.of(header, field, sig.signedHeaders(), sig.headerCanon());
        boolean valid = verifies(keyType, key, signed, sig.signature());
        return valid
                ? result(sig, shortB, DkimResult.Outcome.PASS, null)
                : result(sig, shortB, DkimResult.Outcome.FAIL, "signature did not verify");
    }

    private static String keyType(String algorithm) {
        return switch (algorithm) {
            case "rsa-sha256" -> "rsa";
            case "ed25519-sha256" -> "ed25519";
            // RFC 8301 3.1: verifiers MUST NOT consider rsa-sha1 signatures valid.
            case "rsa-sha1" -> throw new DkimPermanentError("rsa-sha1 is not accepted (RFC 8301)");
            default -> throw new DkimPermanentError("unknown algorithm a=" + algorithm);
        };
    }

    private static boolean verifies(String keyType, DkimKeyRecord key, byte[] signed, byte[] signature) {
        try {
            if (keyType.equals("rsa")) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(key.key());
                rsa.update(signed);
                return rsa.verify(signature);
            }
            // RFC 8463 3: Ed25519 signs the SHA-256 hash of the header data, not the data itself.
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key.key());
            ed.update(sha256(signed));
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The key record at selector._domainkey.domain, checked against the signature's key type and hash. */
    private DkimKeyRecord fetchKey(String selector, String domain, String algorithm) {
        DkimKeyRecord key = fetchKey(selector, domain);
        if (!key.keyType().equals(keyType(algorithm))) {
            throw new DkimPermanentError("key type " + key.keyType() + " does not match a=" + algorithm);
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            throw new DkimPermanentError("key does not allow sha256 (h=)");
        }
        return key;
    }

    private DkimKeyRecord fetchKey(String selector, String domain) {
        String name = selector + "._domainkey." + domain;
        DnsAnswer answer = dns.query(name, DnsLookup.RecordType.TXT);
        if (answer instanceof DnsAnswer.Failure(String reason)) {
            throw new DkimTemporaryError("key lookup failed: " + reason);
        }
        List<String> records = answer.valuesOrEmpty();
        if (records.isEmpty()) {
            throw new DkimPermanentError("no key for signature at " + name);
        }
        DkimPermanentError first = null;
        for (String record : records) {
            try {
                return DkimKeyRecord.parse(record);
            } catch (DkimPermanentError e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static DkimResult result(DkimSignatureField sig, String shortB, DkimResult.Outcome outcome, String reason) {
        return new DkimResult(outcome, sig.domain(), sig.selector(), sig.identity(), sig.algorithm(), shortB, reason);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** d=, s= and a= read without validation, so that a permerror still says whose signature it was. */
    private record Loose(String domain, String selector, String algorithm) {
        static Loose of(String value) {
            String d = null;
            String s = null;
            String a = null;
            for (String spec : value.split(";")) {
                int eq = spec.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String name = spec.substring(0, eq).strip();
                String v = DkimTagList.withoutWhiteSpace(spec.substring(eq + 1));
                if (!v.matches("[A-Za-z0-9._-]{1,253}")) {
                    continue;
                }
                switch (name) {
                    case "d" -> d = DkimTagList.lower(v);
                    case "s" -> s = v;
                    case "a" -> a = DkimTagList.lower(v);
                    default -> {
                    }
                }
            }
            return new Loose(d, s, a);
        }
    }
}
