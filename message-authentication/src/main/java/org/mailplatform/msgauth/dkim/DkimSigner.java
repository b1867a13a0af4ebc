package org.mailplatform.msgauth.dkim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.impl.BodyHasherImpl;
import org.apache.james.jdkim.tagvalue.SignatureRecordImpl;
import org.mailplatform.msgauth.AuthorDomain;

/**
 * Signs messages with the keys of their author's domain (RFC 6376 5): one DKIM-Signature per key,
 * {@code c=relaxed/relaxed}, {@code d=} the RFC 5322.From domain, the fields of
 * {@link SignedFields}, a timestamp ({@code t=}) and no expiry. Body and header canonicalisation
 * are jDKIM's; the signature itself is the JDK's SHA256withRSA, or Ed25519 over the SHA-256 hash
 * for ed25519-sha256 (RFC 8463 3), which jDKIM does not do. Thread-safe.
 */
public final class DkimSigner {

    private static final int FOLD_AT = 76;

    private final Supplier<DkimKeyRing> keys;
    private final Clock clock;

    /** @param keys the current keys, read once per message (so a reload takes effect at once) */
    public DkimSigner(Supplier<DkimKeyRing> keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The domain whose keys would sign this message: its From domain; empty when it has none. */
    public static Optional<String> signingDomain(byte[] message) {
        return AuthorDomain.of(MessageHeaderFields.parse(message).values("from"));
    }

    /**
     * @return the signatures to put in front of the message, one per signing key of its From
     *         domain; empty when that domain has no key or the message has no single From domain
     * @throws DkimSigningException when the message cannot be signed as it is (malformed header
     *                              section) or a key fails
     */
    public List<DkimSignature> sign(byte[] message) {
        MessageHeaderFields headers = MessageHeaderFields.parse(message);
        Optional<String> domain = AuthorDomain.of(headers.values("from"));
        if (domain.isEmpty()) {
            return List.of();
        }
        List<DkimKey> signing = keys.get().signingKeys(domain.get());
        if (signing.isEmpty()) {
            return List.of();
        }
        String h = String.join(":", SignedFields.of(headers));
        long now = clock.instant().getEpochSecond();
        byte[] bodyHash = null;
        List<DkimSignature> signatures = new ArrayList<>();
        for (DkimKey key : signing) {
            SignatureRecordImpl record = new OrderedSignatureRecord("v=1; a=" + key.algorithm().tag()
                    + "; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector() + "; t=" + now
                    + "; h=" + h + "; bh=; b=;");
            try {
                if (bodyHash == null) {
                    // RFC 6376 3.7: the body hash depends on c= and the hash algorithm only, both the same for every key.
                    bodyHash = bodyHash(record, message, headers.bodyOffset());
                }
                record.setBodyHash(bodyHash);
                Signature signature = key.newSignature();
                HeaderHashInput.feed(headers, record, signature);
                record.setSignature(signature.sign());
            } catch (GeneralSecurityException | PermFailException | IllegalStateException e) {
                throw new DkimSigningException("internal", "signing with " + key + " failed: " + e.getMessage(), e);
            }
            signatures.add(new DkimSignature(key.domain(), key.selector(), key.algorithm(), fold(record.toString())));
        }
        return signatures;
    }

    /** The message with the signatures in front, the order in which they were made (RFC 6376 5.6). */
    public static byte[] prepend(List<DkimSignature> signatures, byte[] message) {
        if (signatures.isEmpty()) {
            return message;
        }
        StringBuilder fields = new StringBuilder();
        signatures.forEach(s -> fields.append(s.field()));
        byte[] head = fields.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + message.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    private static byte[] bodyHash(SignatureRecordImpl record, byte[] message, int bodyOffset) throws PermFailException {
        if (blank(message, bodyOffset)) {
            // RFC 6376 3.4.4: relaxed canonicalisation strips trailing white space and ignores empty lines at
            // the end, so a blank body is the empty string. jDKIM hashes it as one CRLF, the simple rule (3.4.3).
            return sha256(new byte[0]);
        }
        BodyHasherImpl hasher = new BodyHasherImpl(record);
        try (OutputStream out = hasher.getOutputStream()) {
            out.write(message, bodyOffset, message.length - bodyOffset);
        } catch (IOException e) {
            throw new PermFailException("body canonicalisation failed: " + e.getMessage(), e);
        }
        return hasher.getDigest();
    }

    private static boolean blank(byte[] message, int from) {
        for (int i = from; i < message.length; i++) {
            byte b = message[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Folds the field into lines of about {@value #FOLD_AT} characters (RFC 5322 2.2.3) only where
     * folding cannot change what was signed: in front of the space that separates two tags (relaxed
     * canonicalisation unfolds it back to that one space, RFC 6376 3.4.2), and inside the b= value,
     * whose whitespace verifiers ignore and delete (RFC 6376 3.5, 3.7).
     *
     * @param value the field value exactly as it was signed
     */
    static String fold(String value) {
        return fold("DKIM-Signature", value);
    }

    /**
     * {@link #fold(String)} for any field of DKIM tag-list syntax (the ARC fields, RFC 8617 4.1), whose
     * hash uses relaxed header canonicalisation.
     *
     * @return the whole field, name and colon first, ending with CRLF
     */
    public static String fold(String name, String value) {
        StringBuilder out = new StringBuilder(name).append(':');
        int line = out.length();
        int i = 0;
        while (i < value.length()) {
            int semicolon = value.indexOf(';', i);
            int end = semicolon < 0 ? value.length() : semicolon + 1;
            String segment = value.substring(i, end);
            if (line + segment.length() > FOLD_AT && segment.startsWith(" ")) {
                out.append("\r\n");
                line = 0;
            }
            int b = segment.indexOf("b=");
            if (b >= 0 && segment.substring(0, b).isBlank()) {
                out.append(segment, 0, b + 2);
                line += b + 2;
                for (int j = b + 2; j < segment.length(); ) {
                    int take = Math.min(segment.length() - j, Math.max(8, FOLD_AT - line));
                    if (line + take > FOLD_AT) {
                        out.append("\r\n ");
                        line = 1;
                        continue;
                    }
                    out.append(segment, j, j + take);
                    line += take;
                    j += take;
                }
            } else {
                out.append(segment);
                line += segment.length();
            }
            i = end;
        }
        return out.append("\r\n").toString();
    }
}
