package org.mailplatform.mta.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mailplatform.mta.milter.EnvelopeEdit;
import org.mailplatform.mta.milter.HeaderEdit;
import org.mailplatform.mta.milter.MilterChain;
import org.mailplatform.mta.milter.MilterRequest;
import org.mailplatform.mta.milter.MilterVerdict;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSessionInfo;
import org.mailplatform.smtp.SmtpTransaction;

/**
 * The milter step of port 25's end of DATA: asks the milter chain about the message and says
 * whether it is refused, discarded, or delivered (with the milters' header edits, and as junk
 * when a milter quarantined it or marked it spam with one of the configured junk headers).
 */
public final class InboundMilters {

    /** What the step decided. */
    public sealed interface Decision {
        /**
         * Deliver these bytes; {@code junkReason} is non-null when the message is to be filed as junk;
         * {@code envelope} holds the milters' sender and recipient changes, in order.
         */
        record Deliver(byte[] message, String junkReason, List<EnvelopeEdit> envelope) implements Decision {
            public Deliver {
                envelope = List.copyOf(envelope);
            }
        }

        record Refuse(SmtpReply reply) implements Decision {
        }

        /** Reply 250 and drop the message (SMFIR_DISCARD). */
        record Discard() implements Decision {
        }
    }

    private record JunkHeader(String name, String valuePrefix) {
    }

    private final MilterChain chain;
    private final List<JunkHeader> junkHeaders;

    public InboundMilters(MilterChain chain, List<String> junkHeaders) {
        this.chain = chain;
        this.junkHeaders = junkHeaders.stream().map(InboundMilters::junkHeader).toList();
    }

    public Decision check(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        if (chain.isEmpty()) {
            return new Decision.Deliver(message, null, List.of());
        }
        MilterChain.Outcome outcome = chain.filter(request(session, tx, message));
        return switch (outcome.verdict()) {
            case MilterVerdict.Refuse r -> new Decision.Refuse(new SmtpReply(r.code(), r.enhancedCode(), r.text()));
            case MilterVerdict.Discard d -> new Decision.Discard();
            case MilterVerdict.Pass p -> new Decision.Deliver(outcome.message(), junkReason(outcome), outcome.envelope());
        };
    }

    private String junkReason(MilterChain.Outcome outcome) {
        if (outcome.quarantine() != null) {
            return reason("milter quarantine: " + outcome.quarantine());
        }
        for (HeaderEdit edit : outcome.edits()) {
            if (edit instanceof HeaderEdit.Change c && c.value().isEmpty()) {
                continue;
            }
            String value = edit.value().strip().toLowerCase(Locale.ROOT);
            for (JunkHeader junk : junkHeaders) {
                if (edit.name().equalsIgnoreCase(junk.name()) && value.startsWith(junk.valuePrefix())) {
                    return reason("milter spam verdict: " + edit.name() + ": " + edit.value().strip());
                }
            }
        }
        return null;
    }

    /** The envelope's junk reason is one line of bounded length (JunkFiling's rules). */
    private static String reason(String text) {
        String line = text.replaceAll("[\\x00-\\x1f\\x7f]+", " ");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static MilterRequest request(SmtpSessionInfo session, SmtpTransaction tx, byte[] message) {
        List<String> arguments = new ArrayList<>();
        arguments.add("BODY=" + tx.parameters().body().keyword());
        if (tx.parameters().smtpUtf8()) {
            arguments.add("SMTPUTF8");
        }
        tx.parameters().size().ifPresent(size -> arguments.add("SIZE=" + size));
        return new MilterRequest(session.sessionId(), session.clientAddress(), null, session.heloName(),
                session.tls() ? session.tlsInfo().protocol() : null,
                session.tls() ? session.tlsInfo().cipherSuite() : null, session.authenticatedUser(),
                tx.from().address(), arguments, tx.recipients().stream().map(r -> r.path().address()).toList(),
                message);
    }

    private static JunkHeader junkHeader(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("mailplatform.mta.milter.junk-headers: expected \"Name: value\", got " + text);
        }
        return new JunkHeader(text.substring(0, colon).strip(), text.substring(colon + 1).strip().toLowerCase(Locale.ROOT));
    }
}
