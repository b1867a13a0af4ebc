package org.mailplatform.mta.srs;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.mailplatform.msgauth.srs.SenderRewriting;
import org.mailplatform.msgauth.srs.SrsReversal;
import org.mailplatform.msgauth.srs.autoconfigure.SrsMetrics;

/**
 * Which addresses are SRS addresses of this platform, and what they reverse to. An address is ours
 * when its local part is SRS0/SRS1 and its domain is one we receive mail for (or the configured SRS
 * domain); anything else, and everything when SRS is off, is an ordinary address.
 *
 * <p>Reversal goes on while the result is again one of ours (at most {@value #MAX_STEPS} steps), so
 * mail forwarded twice through this platform still finds its author.
 */
public final class SrsAddresses {

    static final int MAX_STEPS = 3;

    private final SenderRewriting srs;
    private final Predicate<String> localDomain;
    private final String srsDomain;
    private final SrsMetrics metrics;

    /**
     * @param srs       null when SRS is off
     * @param srsDomain the configured SRS domain, or null
     */
    public SrsAddresses(SenderRewriting srs, Predicate<String> localDomain, String srsDomain, SrsMetrics metrics) {
        this.srs = srs;
        this.localDomain = localDomain;
        this.srsDomain = srsDomain;
        this.metrics = metrics;
    }

    /** Empty for an address that is not one of our SRS addresses. */
    public Optional<SrsReversal> reverse(String address) {
        if (!isOurs(address)) {
            return Optional.empty();
        }
        SrsReversal reversal = srs.reverse(address);
        for (int step = 1; step < MAX_STEPS && reversal instanceof SrsReversal.Reversed(String next) && isOurs(next); step++) {
            reversal = srs.reverse(next);
        }
        return Optional.of(reversal);
    }

    /**
     * Where a DSN to {@code sender} goes: the address an SRS sender of ours stands for, else
     * {@code sender} itself. A sender that does not reverse (forged, or older than the maximum age)
     * keeps its SRS form, and port 25 semantics apply to it like to any mail for it.
     */
    public String returnPath(String sender) {
        return reverse(sender).map(r -> switch (r) {
            case SrsReversal.Reversed(String address) -> {
                metrics.reversed();
                yield address;
            }
            case SrsReversal.Refused refused -> {
                metrics.refused(refused.reason());
                yield sender;
            }
        }).orElse(sender);
    }

    public boolean isLocal(String address) {
        int at = address.lastIndexOf('@');
        return at >= 0 && localDomain.test(address.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    public SrsMetrics metrics() {
        return metrics;
    }

    private boolean isOurs(String address) {
        if (srs == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || !SenderRewriting.isSrs(address.substring(0, at))) {
            return false;
        }
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.equals(srsDomain) || localDomain.test(domain);
    }
}
