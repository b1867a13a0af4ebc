package org.mailplatform.msgauth.arc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dkim.DkimCanonicalizer;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.msgauth.dkim.DkimSigner;
import org.mailplatform.msgauth.dkim.SignedFields;
import org.mailplatform.msgauth.dkim.SignedHeaderData;
import org.mailplatform.msgauth.results.AuthenticationResults;
import org.mailplatform.msgauth.results.ForgedResultsFilter;

/**
 * Adds this server's ARC set to a message it passes on (RFC 8617 5.1): an
 * ARC-Authentication-Results copying the Authentication-Results this server wrote when the message
 * came in, an ARC-Message-Signature over the message as it leaves, and an ARC-Seal over the chain
 * with cv= the status this server found on arrival (the {@code arc=} result of that same field).
 * Thread-safe.
 */
public final class ArcSealer {

    /**
     * One ARC set made.
     *
     * @param fields the three fields to put on top of the message (AS, AMS, AAR), CRLF-terminated
     * @param status the cv= of its seal
     */
    public record Sealed(String fields, int instance, ArcResult.Outcome status) {
    }

    private static final Pattern ARC_RESULT = Pattern.compile("(?:^|;)\\s*arc\\s*=\\s*([A-Za-z]+)");

    private final Clock clock;

    public ArcSealer(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param authservId this server's authserv-id: whose Authentication-Results the AAR copies
     * @return the set to put on top of the message; empty when
     *         this server wrote no Authentication-Results on the message (it has nothing to attest),
     *         when the message has ARC sets this server did not validate on arrival, or when the
     *         chain can take no further set
     */
    public Optional<Sealed> seal(byte[] message, String authservId, DkimKey key) {
        HeaderSection header = HeaderSection.of(message);
        Optional<String> ours = header.fields().stream()
                .filter(f -> f.named(AuthenticationResults.FIELD_NAME))
                .map(f -> rawValue(header, f))
                .filter(v -> authservId.equalsIgnoreCase(ForgedResultsFilter.authservIdOf(v)))
                .findFirst();
        if (ours.isEmpty()) {
            return Optional.empty();
        }
        ArcChain chain = ArcChain.of(header);
        int instance = chain.nextInstance();
        if (instance == 0) {
            return Optional.empty();
        }
        ArcResult.Outcome status;
        if (instance == 1) {
            status = ArcResult.Outcome.NONE;
        } else {
            Matcher m = ARC_RESULT.matcher(ours.get().replaceAll("\\([^()]*\\)", ""));
            if (!m.find() || !List.of("pass", "fail").contains(m.group(1).toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
            status = ArcResult.Outcome.ofKeyword(m.group(1));
        }
        long now = clock.instant().getEpochSecond();
        String results = ArcChain.RESULTS + ": i=" + instance + "; " + ours.get().stripLeading();
        String messageSignature = messageSignature(header, message, key, instance, now);
        String sealTemplate = "i=" + instance + "; cv=" + status.keyword() + "; a=" + key.algorithm().tag()
                + "; d=" + key.domain() + "; s=" + key.selector() + "; t=" + now + "; b=";
        byte[] unsealed = prepend(DkimSigner.fold(ArcChain.SEAL, " " + sealTemplate) + messageSignature + results, message);
        HeaderSection withSet = HeaderSection.of(unsealed);
        List<ArcSet> covered = status == ArcResult.Outcome.FAIL
                // 5.1.2: on a failed chain the seal covers only the set added now.
                ? List.of(newSet(withSet, instance))
                : ArcChain.of(withSet).sets();
        if (covered.isEmpty()) {
            return Optional.empty();
        }
        String b = Base64.getEncoder().encodeToString(key.sign(ArcSealInput.of(withSet, covered)));
        return Optional.of(new Sealed(DkimSigner.fold(ArcChain.SEAL, " " + sealTemplate + b) + messageSignature + results,
                instance, status));
    }

    /** RFC 8617 4.1.2: a DKIM signature (relaxed/relaxed) with i= the instance, named ARC-Message-Signature. */
    private static String messageSignature(HeaderSection header, byte[] message, DkimKey key, int instance, long now) {
        List<String> signed = SignedFields.forArc(header);
        String bodyHash = Base64.getEncoder().encodeToString(
                sha256(DkimCanonicalizer.body("relaxed", message, header.bodyStart())));
        String template = "i=" + instance + "; a=" + key.algorithm().tag() + "; c=relaxed/relaxed; d=" + key.domain()
                + "; s=" + key.selector() + "; t=" + now + "; h=" + String.join(":", signed) + "; bh=" + bodyHash + "; b=";
        byte[] unsigned = prepend(DkimSigner.fold(ArcChain.MESSAGE_SIGNATURE, " " + template), message);
        HeaderSection withField = HeaderSection.of(unsigned);
        byte[] input = SignedHeaderData.of(withField, withField.fields().getFirst(), signed, "relaxed");
        return DkimSigner.fold(ArcChain.MESSAGE_SIGNATURE, " " + template + Base64.getEncoder().encodeToString(key.sign(input)));
    }

    /** The set just put on top of the message: its first three fields, AS, AMS, AAR. */
    private static ArcSet newSet(HeaderSection header, int instance) {
        List<HeaderSection.Field> f = header.fields();
        return new ArcSet(instance, f.get(2), f.get(1), f.get(0));
    }

    /** The field's value after the colon, folding and line end kept. */
    private static String rawValue(HeaderSection header, HeaderSection.Field field) {
        String raw = new String(header.raw(field), StandardCharsets.UTF_8);
        String value = raw.substring(raw.indexOf(':') + 1);
        return value.endsWith("\n") ? value : value + "\r\n";
    }

    private static byte[] prepend(String fields, byte[] message) {
        byte[] head = fields.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + message.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(message, 0, out, head.length, message.length);
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
