package org.mailplatform.msgauth.arc;

import java.util.List;
import java.util.Locale;

/**
 * The chain validation status of a message's ARC sets (RFC 8617 4.4, 5.2), reported as
 * {@code arc=} in Authentication-Results (RFC 8617 10.1, RFC 8601 registry).
 *
 * @param instances how many ARC sets the message carries (0 for none)
 * @param sealers   the d= of each ARC-Seal, instance 1 first; empty unless the chain passed
 * @param reason    why the chain failed; null otherwise
 */
public record ArcResult(Outcome outcome, int instances, List<String> sealers, String reason) {

    public enum Outcome {
        NONE, PASS, FAIL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The cv= value that stands for this status (RFC 8617 4.1.3). */
        public static Outcome ofKeyword(String keyword) {
            return switch (keyword.strip().toLowerCase(Locale.ROOT)) {
                case "none" -> NONE;
                case "pass" -> PASS;
                case "fail" -> FAIL;
                default -> throw new IllegalArgumentException("not a chain validation status: " + keyword);
            };
        }
    }

    public ArcResult {
        sealers = List.copyOf(sealers);
    }

    static ArcResult none() {
        return new ArcResult(Outcome.NONE, 0, List.of(), null);
    }

    static ArcResult fail(int instances, String reason) {
        return new ArcResult(Outcome.FAIL, instances, List.of(), reason);
    }
}
