package org.mailplatform.mta.dsn;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Queue ids of DSNs, derived rather than drawn: the same failure of the same message always makes
 * the same DSN queue id, so a replayed record cannot make a second DSN that the delivery ledger
 * would not recognise. Ids stay within the record format's 64 characters of [A-Za-z0-9._-].
 */
public final class DsnQueueIds {

    private static final int MAX_BASE = 48;

    private DsnQueueIds() {
    }

    /** The DSN about delivery attempt number {@code attempt} of {@code queueId}. */
    public static String forAttempt(String queueId, int attempt) {
        return base(queueId) + "-dsn" + attempt;
    }

    /** The DSN about one delivery report; {@code reportKey} names the report's recipients and outcomes. */
    public static String forReport(String queueId, String reportKey) {
        return base(queueId) + "-rpt" + sha256(reportKey).substring(0, 12);
    }

    private static String base(String queueId) {
        return queueId.length() <= MAX_BASE ? queueId : sha256(queueId).substring(0, 32);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
