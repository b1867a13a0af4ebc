package org.mailplatform.msgauth.dkim;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.mailplatform.msgauth.HeaderSection;

/**
 * The header hash input of a DKIM-Signature or an ARC-Message-Signature (RFC 6376 3.7, RFC 8617
 * 4.1.2), computed the same way when signing and when verifying, so both sides hash the same bytes.
 */
public final class SignedHeaderData {

    private SignedHeaderData() {
    }

    /**
     * RFC 6376 3.7 and 5.4.2: the signed fields in h= order, each name taking the last instance not
     * yet used (a name with no instance left contributes nothing), then the signature field itself
     * with an empty b= value and no final CRLF.
     *
     * @param self the signature field, as it stands in {@code header}
     */
    public static byte[] of(HeaderSection header, HeaderSection.Field self, List<String> signedHeaders, String canon) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<HeaderSection.Field> fields = header.fields();
        Set<Integer> used = new HashSet<>();
        for (String name : signedHeaders) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                if (!used.contains(i) && fields.get(i).named(name)) {
                    used.add(i);
                    out.writeBytes(DkimCanonicalizer.header(canon, header.raw(fields.get(i))));
                    break;
                }
            }
        }
        out.writeBytes(DkimCanonicalizer.signatureHeader(canon, DkimCanonicalizer.withoutSignatureValue(header.raw(self))));
        return out.toByteArray();
    }
}
