package org.mailplatform.msgauth.arc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dkim.DkimPermanentError;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dkim.DkimTagList;
import org.mailplatform.msgauth.dkim.DkimVerifier;

/**
 * Validates the Authenticated Received Chain of a message (RFC 8617 5.2): the chain's structure,
 * the most recent ARC-Message-Signature (a DKIM signature in all but name, checked by
 * {@link DkimVerifier}), then every ARC-Seal from the most recent down to the first. Any failure
 * fails the chain; a DNS failure too, since the status has only none, pass and fail (4.4).
 */
public final class ArcVerifier {

    private final DkimVerifier dkim;

    public ArcVerifier(DkimVerifier dkim) {
        this.dkim = dkim;
    }

    public ArcResult verify(byte[] message) {
        return verify(HeaderSection.of(message));
    }

    ArcResult verify(HeaderSection header) {
        ArcChain chain = ArcChain.of(header);
        if (chain.isEmpty()) {
            return ArcResult.none();
        }
        if (chain.defect() != null) {
            return ArcResult.fail(chain.sets().size(), chain.defect());
        }
        List<ArcSet> sets = chain.sets();
        ArcSet newest = sets.getLast();
        // 5.2 step 4: only the most recent AMS must validate; earlier ones were checked by earlier hops.
        DkimResult ams = dkim.verifyArcMessageSignature(header, newest.messageSignature());
        if (!ams.passed()) {
            return ArcResult.fail(sets.size(), "ARC-Message-Signature i=" + newest.instance() + ": "
                    + ams.outcome().keyword() + (ams.reason() == null ? "" : ", " + ams.reason()));
        }
        // 5.2 step 6: every seal, most recent first.
        List<String> sealers = new ArrayList<>();
        for (int i = sets.size() - 1; i >= 0; i--) {
            ArcSet set = sets.get(i);
            String failure = checkSeal(header, sets.subList(0, i + 1), set);
            if (failure != null) {
                return ArcResult.fail(sets.size(), "ARC-Seal i=" + set.instance() + ": " + failure);
            }
            sealers.addFirst(DkimTagList.lower(DkimTagList.parse(header.value(set.seal())).require("d")));
        }
        return new ArcResult(ArcResult.Outcome.PASS, sets.size(), sealers, null);
    }

    /** @return why the seal does not verify, or null when it does */
    private String checkSeal(HeaderSection header, List<ArcSet> covered, ArcSet set) {
        DkimTagList tags;
        byte[] signature;
        try {
            tags = DkimTagList.parse(header.value(set.seal()));
            // 4.1.3: an ARC-Seal has no h= tag; what it covers is fixed.
            if (tags.has("h")) {
                return "h= is not allowed in an ARC-Seal";
            }
            signature = Base64.getDecoder().decode(DkimTagList.withoutWhiteSpace(tags.require("b")));
            tags.require("a");
            tags.require("d");
            tags.require("s");
        } catch (DkimPermanentError e) {
            return e.getMessage();
        } catch (IllegalArgumentException e) {
            return "invalid base64 in b=";
        }
        DkimResult result = dkim.verifySignedData(DkimTagList.lower(tags.get("d").strip()), tags.get("s").strip(),
                DkimTagList.lower(tags.get("a").strip()), ArcSealInput.of(header, covered), signature);
        if (result.passed()) {
            return null;
        }
        return result.outcome().keyword() + (result.reason() == null ? "" : ", " + result.reason());
    }
}
