package org.mailplatform.mta.milter;

import java.util.List;

/** What one milter, or the whole chain, decided about a message. */
public sealed interface MilterVerdict {

    /** The tag of this verdict in metrics and logs. */
    String action();

    /**
     * The message goes on, with the header edits the milter asked for and, when it asked for a
     * quarantine (SMFIR_QUARANTINE), the reason.
     *
     * @param accepted true for SMFIR_ACCEPT (no further filtering by this milter), false for continue
     * @param body     the new body (SMFIR_REPLBODY, its chunks joined, line ends as the milter sent
     *                 them), or null when the body stays
     * @param envelope the sender and recipient changes, in the order the milter sent them
     */
    record Pass(List<HeaderEdit> edits, String quarantine, boolean accepted, byte[] body,
                List<EnvelopeEdit> envelope) implements MilterVerdict {
        public Pass {
            edits = List.copyOf(edits);
            envelope = List.copyOf(envelope);
        }

        public Pass(List<HeaderEdit> edits, String quarantine, boolean accepted) {
            this(edits, quarantine, accepted, null, List.of());
        }

        @Override
        public String action() {
            return quarantine != null ? "quarantine" : accepted ? "accept" : "continue";
        }
    }

    /**
     * Refused: a 5xx reject or a 4xx tempfail, with the milter's own reply when it gave one
     * (SMFIR_REPLYCODE).
     */
    record Refuse(int code, String enhancedCode, List<String> text) implements MilterVerdict {
        public Refuse {
            text = List.copyOf(text);
        }

        public boolean temporary() {
            return code < 500;
        }

        @Override
        public String action() {
            return temporary() ? "tempfail" : "reject";
        }
    }

    /** SMFIR_DISCARD: the client is told the message was accepted, and it is dropped. */
    record Discard() implements MilterVerdict {
        @Override
        public String action() {
            return "discard";
        }
    }

    /** Postfix's wording for SMFIR_REJECT. */
    static Refuse rejected() {
        return new Refuse(550, "5.7.1", List.of("Command rejected"));
    }

    /** Postfix's wording for SMFIR_TEMPFAIL, and for a failed milter under milter_default_action=tempfail. */
    static Refuse temporarilyRefused() {
        return new Refuse(451, "4.7.1", List.of("Service unavailable - try again later"));
    }
}
