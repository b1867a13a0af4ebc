package org.mailplatform.msgauth.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
                results.add(verifyOne(header, field));
            }
        }
        return results;
    }

    private DkimResult verifyOne(HeaderSection header, HeaderSection.Field field) {
        String value = header.value(field);
        String shortB = DkimSignatureField.shortSignature(value);
        DkimSignatureField sig;
        try {
            sig = DkimSignatureField.parse(value, clock.instant());
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
        String keyType = switch (sig.algorithm()) {
            case "rsa-sha256" -> "rsa";
            case "ed25519-sha256" -> "ed25519";
            // RFC 8301 3.1: verifiers MUST NOT consider rsa-sha1 signatures valid.
            case "rsa-sha1" -> throw new DkimPermanentError("rsa-sha1 is not accepted (RFC 8301)");
            default -> throw new DkimPermanentError("unknown algorithm a=" + sig.algorithm());
        };
        DkimKeyRecord key = fetchKey(sig);
        if (!key.keyType().equals(keyType)) {
            throw new DkimPermanentError("key type " + key.keyType() + " does not match a=" + sig.algorithm());
        }
        if (!key.hashes().isEmpty() && !key.hashes().contains("sha256")) {
            throw new DkimPermanentError("key does not allow sha256 (h=)");
        }
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
        byte[] signed = signedHeaderData(header, field, sig);
        boolean valid;
        try {
            if (keyType.equals("rsa")) {
                Signature rsa = Signature.getInstance("SHA256withRSA");
                rsa.initVerify(key.key());
                rsa.update(signed);
                valid = rsa.verify(sig.signature());
            } else {
                // RFC 8463 3: Ed25519 signs the SHA-256 hash of the header data, not the data itself.
                Signature ed = Signature.getInstance("Ed25519");
                ed.initVerify(key.key());
                ed.update(sha256(signed));
                valid = ed.verify(sig.signature());
            }
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        return valid
                ? result(sig, shortB, DkimResult.Outcome.PASS, null)
                : result(sig, shortB, DkimResult.Outcome.FAIL, "signature did not verify");
    }

    /**
     * RFC 6376 3.7 and 5.4.2: the signed fields in h= order, each name taking the last instance not
     * yet used (a name with no instance left contributes nothing), then this DKIM-Signature field
     * with an empty b= value and no final CRLF.
     */
    private static byte[] signedHeaderData(HeaderSection header, HeaderSection.Field self, DkimSignatureField sig) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<HeaderSection.Field> fields = header.fields();
        Set<Integer> used = new HashSet<>();
        for (String name : sig.signedHeaders()) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used.contains(i) && fields.get(i).named(name)) {
                    used.add(i);
                    out.writeBytes(DkimCanonicalizer.header(sig.headerCanon(), header.raw(fields.get(i))));
                    break;
                }
            }
        }
        out.writeBytes(DkimCanonicalizer.signatureHeader(sig.headerCanon(), withoutSignatureValue(header.raw(self))));
        return out.toByteArray();
    }

    /** The field with the value of its b= tag removed, every other byte kept (RFC 6376 3.7). */
    static byte[] withoutSignatureValue(byte[] field) {
        String text = new String(field, StandardCharsets.ISO_8859_1);
        int valueEnd = text.length();
        while (valueEnd > 0 && (text.charAt(valueEnd - 1) == '\n' || text.charAt(valueEnd - 1) == '\r')) {
            valueEnd--;
        }
        int segmentStart = text.indexOf(':') + 1;
        while (segmentStart <= valueEnd) {
            int semicolon = text.indexOf(';', segmentStart);
            int segmentEnd = semicolon < 0 || semicolon > valueEnd ? valueEnd : semicolon;
            int eq = text.indexOf('=', segmentStart);
            if (eq >= 0 && eq < segmentEnd && text.substring(segmentStart, eq).strip().equals("b")) {
                return (text.substring(0, eq + 1) + text.substring(segmentEnd)).getBytes(StandardCharsets.ISO_8859_1);
            }
            segmentStart = segmentEnd + 1;
        }
        return field;
    }

    private DkimKeyRecord fetchKey(DkimSignatureField sig) {
        String name = sig.selector() + "._domainkey." + sig.domain();
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
