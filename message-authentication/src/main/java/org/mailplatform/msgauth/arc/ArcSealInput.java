package org.mailplatform.msgauth.arc;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dkim.DkimCanonicalizer;

/**
 * What an ARC-Seal signs (RFC 8617 5.1.1): the ARC sets in increasing instance order, within a
 * set the AAR, the AMS and the AS, all in relaxed header canonicalisation; the seal being made or
 * checked comes last, with an empty b= and no final CRLF. The same bytes are built when sealing
 * and when verifying.
 */
final class ArcSealInput {

    private static final String CANON = "relaxed";

    private ArcSealInput() {
    }

    /** @param sets the sets the seal covers, the sealed one last */
    static byte[] of(HeaderSection header, List<ArcSet> sets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArcSet last = sets.getLast();
        for (ArcSet set : sets) {
            out.writeBytes(DkimCanonicalizer.header(CANON, header.raw(set.results())));
            out.writeBytes(DkimCanonicalizer.header(CANON, header.raw(set.messageSignature())));
            if (set != last) {
                out.writeBytes(DkimCanonicalizer.header(CANON, header.raw(set.seal())));
            }
        }
        out.writeBytes(DkimCanonicalizer.signatureHeader(CANON,
                DkimCanonicalizer.withoutSignatureValue(header.raw(last.seal()))));
        return out.toByteArray();
    }
}
