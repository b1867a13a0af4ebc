package org.mailplatform.msgauth.srs;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Makes and reverses SRS addresses (see the package description), in libsrs2's forms:
 * <pre>
 *   SRS0=HHHH=TT=orig-domain=orig-local@forwarding-domain          (first forward)
 *   SRS1=HHHH=first-forwarder==HHHH=TT=orig-domain=orig-local@forwarding-domain  (forward of an SRS0 address)
 * </pre>
 * The SRS0 hash covers the day stamp, the original domain and the original local part; the SRS1
 * hash covers the first forwarder's domain and the rest of its SRS0 local part, so a second
 * forwarder neither needs nor checks the first one's secret and a bounce goes back through both.
 * The first secret signs; all of them verify, so a secret can be replaced without refusing
 * bounces of mail forwarded with the old one.
 */
public final class SenderRewriting {

    /** RFC 5321 4.5.3.1.1: receivers need accept no longer local part, and this platform's port 25 accepts none. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;

    private static final String SRS0 = "SRS0";
    private static final String SRS1 = "SRS1";
    /** libsrs2 separates the fields with '='; after the tag it also allows '+' and '-'. */
    private static final char SEPARATOR = '=';

    private final List<String> secrets;
    private final int maxAgeDays;
    private final Clock clock;

    /**
     * @param secrets the first signs, every one verifies; none blank
     * @param maxAge  how long a bounce to an address made today is accepted, in whole days (1 to
     *                1023: the day stamp repeats after 1024 days)
     */
    public SenderRewriting(List<String> secrets, Duration maxAge, Clock clock) {
        if (secrets == null || secrets.isEmpty() || secrets.stream().anyMatch(s -> s == null || s.isBlank())) {
            throw new IllegalArgumentException("SRS needs at least one secret, none of them blank");
        }
        long days = maxAge.toDays();
        if (days < 1 || days >= SrsTimestamp.SLOTS) {
            throw new IllegalArgumentException("SRS maximum age must be 1 to " + (SrsTimestamp.SLOTS - 1)
                    + " days, not " + maxAge);
        }
        this.secrets = List.copyOf(secrets);
        this.maxAgeDays = (int) days;
        this.clock = clock;
    }

    /** True for a local part that claims to be SRS0 or SRS1 (any case, any of libsrs2's separators). */
    public static boolean isSrs(String localPart) {
        return localPart.length() > 5
                && (localPart.regionMatches(true, 0, SRS0, 0, 4) || localPart.regionMatches(true, 0, SRS1, 0, 4))
                && "=+-".indexOf(localPart.charAt(4)) >= 0;
    }

    /**
     * The envelope sender for {@code sender} forwarded through {@code forwardingDomain}, or empty when
     * it cannot be rewritten: a quoted local part (libsrs2 has no form for it), or a result longer
     * than {@value #MAX_LOCAL_PART_OCTETS} octets.
     */
    public Optional<String> forward(String sender, String forwardingDomain) {
        int at = sender.lastIndexOf('@');
        if (at <= 0 || at == sender.length() - 1 || sender.startsWith("\"")) {
            return Optional.empty();
        }
        String local = sender.substring(0, at);
        String domain = sender.substring(at + 1);
        String rewritten = isSrs(local) ? guarded(local, domain) : SRS0 + SEPARATOR + shortcut(local, domain);
        if (rewritten == null || rewritten.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_OCTETS) {
            return Optional.empty();
        }
        return Optional.of(rewritten + "@" + forwardingDomain);
    }

    /** Undoes one forwarding step of an address this platform made (the caller has checked the domain is ours). */
    public SrsReversal reverse(String address) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        if (!isSrs(local)) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        String[] fields = local.substring(5).split(String.valueOf(SEPARATOR), 4);
        return Character.toUpperCase(local.charAt(3)) == '0' ? reverseSrs0(fields) : reverseSrs1(local.substring(5));
    }

    /** SRS0: the hash, the day stamp, the original domain, the original local part (which may hold '='). */
    private SrsReversal reverseSrs0(String[] fields) {
        if (fields.length != 4 || fields[0].isEmpty() || fields[1].isEmpty() || fields[2].isEmpty()
                || fields[3].isEmpty()) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        String hash = fields[0];
        String stamp = fields[1];
        String domain = fields[2];
        String local = fields[3];
        if (!SrsHash.matches(hash, secrets, stamp, domain, local)) {
            return new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH);
        }
        int age = SrsTimestamp.ageInDays(stamp, clock.instant());
        if (age < 0 || age > maxAgeDays) {
            return new SrsReversal.Refused(SrsReversal.Reason.EXPIRED);
        }
        return new SrsReversal.Reversed(local + "@" + domain);
    }

    /** SRS1: the hash, the first forwarder's domain, then its SRS0 local part without the tag (starting with a separator). */
    private SrsReversal reverseSrs1(String rest) {
        int hashEnd = rest.indexOf(SEPARATOR);
        int hostEnd = hashEnd < 0 ? -1 : rest.indexOf(SEPARATOR, hashEnd + 1);
        if (hashEnd <= 0 || hostEnd <= hashEnd + 1 || hostEnd == rest.length() - 1) {
            return new SrsReversal.Refused(SrsReversal.Reason.MALFORMED);
        }
        String hash = rest.substring(0, hashEnd);
        String host = rest.substring(hashEnd + 1, hostEnd);
        String user = rest.substring(hostEnd + 1);
        if (!SrsHash.matches(hash, secrets, host, user)) {
            return new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH);
        }
        return new SrsReversal.Reversed(SRS0 + user + "@" + host);
    }

    /** The fields after "SRS0=" for an ordinary sender (libsrs2 {@code srs_compile_shortcut}). */
    private String shortcut(String local, String domain) {
        String stamp = SrsTimestamp.of(clock.instant());
        String hash = SrsHash.of(secrets.getFirst(), stamp, domain, local);
        return hash + SEPARATOR + stamp + SEPARATOR + domain + SEPARATOR + local;
    }

    /**
     * An SRS sender forwarded again (libsrs2 {@code srs_compile_guarded}): SRS0 becomes SRS1 pointing
     * at the first forwarder; SRS1 keeps its first forwarder and gets a hash of ours.
     */
    private String guarded(String local, String domain) {
        String host;
        String user;
        if (Character.toUpperCase(local.charAt(3)) == '1') {
            String rest = local.substring(5);
            int hashEnd = rest.indexOf(SEPARATOR);
            int hostEnd = hashEnd < 0 ? -1 : rest.indexOf(SEPARATOR, hashEnd + 1);
            if (hashEnd < 0 || hostEnd < 0) {
                return null;
            }
            host = rest.substring(hashEnd + 1, hostEnd);
            user = rest.substring(hostEnd + 1);
        } else {
            host = domain;
            user = local.substring(4);
        }
        return SRS1 + SEPARATOR + SrsHash.of(secrets.getFirst(), host, user) + SEPARATOR + host + SEPARATOR + user;
    }
}
