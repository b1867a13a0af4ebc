package org.mailplatform.msgauth;

import java.net.InetAddress;
import java.util.List;

import org.mailplatform.msgauth.arc.ArcResult;
import org.mailplatform.msgauth.arc.ArcVerifier;
import org.mailplatform.msgauth.dkim.DkimResult;
import org.mailplatform.msgauth.dkim.DkimVerifier;
import org.mailplatform.msgauth.dmarc.DmarcResult;
import org.mailplatform.msgauth.dmarc.DmarcVerifier;
import org.mailplatform.msgauth.results.AuthenticationResults;
import org.mailplatform.msgauth.results.ForgedResultsFilter;
import org.mailplatform.msgauth.spf.SpfResult;
import org.mailplatform.msgauth.spf.SpfVerifier;

/**
 * The inbound checks on one message from another server, in RFC order: SPF on the envelope,
 * DKIM and ARC (RFC 8617) on the message as received, DMARC on SPF and DKIM; the results go into one Authentication-Results
 * field (RFC 8601) and forged fields carrying this server's authserv-id are removed (RFC 8601 5).
 * Deciding what a DMARC failure means for delivery is the caller's.
 */
public final class MessageAuthenticator {

    /**
     * @param authservId the name this server reports results under (RFC 8601 2.5)
     * @param spf        check SPF
     * @param dkim       verify DKIM signatures
     * @param dmarc      evaluate DMARC (it uses whichever of SPF and DKIM ran)
     * @param arc        validate the ARC chain
     */
    public record Checks(String authservId, boolean spf, boolean dkim, boolean dmarc, boolean arc) {
    }

    private final Checks checks;
    private final SpfVerifier spf;
    private final DkimVerifier dkim;
    private final DmarcVerifier dmarc;
    private final ArcVerifier arc;
    private final ForgedResultsFilter forged;

    public MessageAuthenticator(Checks checks, SpfVerifier spf, DkimVerifier dkim, DmarcVerifier dmarc) {
        this.checks = checks;
        this.spf = spf;
        this.dkim = dkim;
        this.dmarc = dmarc;
        this.arc = new ArcVerifier(dkim);
        this.forged = new ForgedResultsFilter(checks.authservId());
    }

    /**
     * @param client   the SMTP client's address
     * @param helo     its EHLO/HELO name
     * @param mailFrom the reverse-path, empty for the null sender
     * @param message  the message as received
     */
    public AuthenticationVerdict authenticate(InetAddress client, String helo, String mailFrom, byte[] message) {
        SpfResult spfResult = checks.spf() ? spf.check(client, helo, mailFrom) : null;
        List<DkimResult> dkimResults = checks.dkim() ? dkim.verify(message) : List.of();
        DmarcResult dmarcResult = checks.dmarc() ? dmarc.verify(message, spfResult, dkimResults) : null;
        ArcResult arcResult = checks.arc() ? arc.verify(message) : null;
        AuthenticationResults results = new AuthenticationResults(checks.authservId());
        if (spfResult != null) {
            results.spf(spfResult);
        }
        if (checks.dkim()) {
            results.dkim(dkimResults);
        }
        if (dmarcResult != null) {
            results.dmarc(dmarcResult);
        }
        if (arcResult != null) {
            results.arc(arcResult);
        }
        long removed = forged.count(message);
        byte[] cleaned = removed == 0 ? message : forged.apply(message);
        byte[] field = results.fieldBytes();
        byte[] out = new byte[field.length + cleaned.length];
        System.arraycopy(field, 0, out, 0, field.length);
        System.arraycopy(cleaned, 0, out, field.length, cleaned.length);
        return new AuthenticationVerdict(out, spfResult, dkimResults, dmarcResult, arcResult, results.field(), removed);
    }
}
