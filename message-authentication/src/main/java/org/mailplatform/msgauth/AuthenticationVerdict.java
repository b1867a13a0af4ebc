package org.mailplatform.msgauth;

import java.util.List;

import org.mailplatform.msgauth.arc.ArcResult;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dmarc.DmarcRecord;
import org.mailplatform.msgauth.dmarc.DmarcResult;
import org.mailplatform.msgauth.spf.SpfResult;

/**
 * What the inbound checks found.
 *
 * @param message       the message to pass on: this server's Authentication-Results field on top,
 *                      forged ones removed
 * @param spf           null when SPF was not checked
 * @param dkim          one result per signature; empty when unsigned or not checked
 * @param dmarc         null when DMARC was not checked
 * @param arc           the ARC chain validation status; null when ARC was not checked
 * @param header        the Authentication-Results field added, CRLF included
 * @param forgedRemoved how many incoming fields claiming this server's authserv-id were removed
 */
public record AuthenticationVerdict(byte[] message, SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc,
                                    ArcResult arc, String header, long forgedRemoved) {

    /** What the author domain's DMARC policy asks for this message (NONE unless DMARC failed). */
    public DmarcRecord.Policy dmarcDisposition() {
        return dmarc == null ? DmarcRecord.Policy.NONE : dmarc.disposition();
    }
}
