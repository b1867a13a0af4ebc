package org.mailplatform.msgauth.dkim;

import java.security.Signature;
import java.security.SignatureException;

import org.apache.james.jdkim.DKIMCommon;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;

/**
 * Feeds a signature the header hash input of RFC 6376 3.7: the fields named by {@code h=}
 * (bottom-up per name, a name listed more often than it occurs adding nothing, 5.4.2), then the
 * DKIM-Signature field itself with an empty {@code b=} and no final CRLF, all canonicalised as
 * {@code c=} says. jDKIM does this for its own signer; it is reached here so that an
 * ed25519-sha256 signature gets exactly the same input as an rsa-sha256 one.
 */
final class HeaderHashInput extends DKIMCommon {

    private HeaderHashInput() {
    }

    static void feed(Headers headers, SignatureRecord record, Signature signature)
            throws SignatureException, PermFailException {
        signatureCheck(headers, record, record.getHeaders(), signature);
    }
}
