package org.mailplatform.mta.milter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured milters, asked in order. Each sees the message as the ones before it edited it
 * (header edits and a replaced body), as in Postfix; envelope changes are collected for the caller,
 * every milter seeing the envelope the client sent. A refusal or discard ends the chain; a milter that fails gets its default action.
 */
public final class MilterChain {

    private static final Logger log = LoggerFactory.getLogger(MilterChain.class);

    /**
     * The chain's result.
     *
     * @param verdict    the refusal or discard that ended the chain, or a pass
     * @param message    the message with every pass's header edits and body replacement applied
     * @param edits      those edits, in the order applied
     * @param quarantine the first quarantine reason a milter gave, or null
     * @param envelope   the sender and recipient changes of every pass, in order; applied by the caller
     */
    public record Outcome(MilterVerdict verdict, byte[] message, List<HeaderEdit> edits, String quarantine,
                          List<EnvelopeEdit> envelope) {
        public Outcome {
            edits = List.copyOf(edits);
            envelope = List.copyOf(envelope);
        }
    }

    private final List<MilterSettings> milters;
    private final String hostname;
    private final MilterObserver observer;

    public MilterChain(List<MilterSettings> milters, String hostname, MilterObserver observer) {
        this.milters = List.copyOf(milters);
        this.hostname = hostname;
        this.observer = observer == null ? MilterObserver.NONE : observer;
    }

    public boolean isEmpty() {
        return milters.isEmpty();
    }

    public Outcome filter(MilterRequest request) {
        byte[] message = request.message();
        List<HeaderEdit> applied = new ArrayList<>();
        List<EnvelopeEdit> envelope = new ArrayList<>();
        String quarantine = null;
        for (MilterSettings milter : milters) {
            long start = System.nanoTime();
            MilterSession session = new MilterSession(milter, hostname);
            MilterVerdict verdict;
            try {
                verdict = session.run(request.withMessage(message));
                observer.verdict(milter.name(), verdict.action(), Duration.ofNanos(System.nanoTime() - start));
            } catch (MilterException e) {
                observer.verdict(milter.name(), "failed", Duration.ofNanos(System.nanoTime() - start));
                log.warn("{}; default action {}", e.getMessage(), milter.defaultAction());
                verdict = switch (milter.defaultAction()) {
                    case ACCEPT -> new MilterVerdict.Pass(List.of(), null, true);
                    case TEMPFAIL -> MilterVerdict.temporarilyRefused();
                    case REJECT -> MilterVerdict.rejected();
                };
            }
            switch (verdict) {
                case MilterVerdict.Pass pass -> {
                    message = MessageFields.parse(message).apply(pass.edits(), session.leadingSpace());
                    if (pass.body() != null) {
                        message = MessageFields.parse(message).withBody(pass.body());
                    }
                    envelope.addAll(pass.envelope());
                    applied.addAll(pass.edits());
                    if (quarantine == null && pass.quarantine() != null) {
                        quarantine = pass.quarantine().isBlank() ? milter.name() : pass.quarantine();
                    }
                }
                case MilterVerdict.Refuse refuse -> {
                    log.info("milter {} refused the message: {} {} {}", milter.name(), refuse.code(),
                            refuse.enhancedCode(), String.join(" / ", refuse.text()));
                    return new Outcome(refuse, message, applied, quarantine, List.of());
                }
                case MilterVerdict.Discard discard -> {
                    log.info("milter {} discarded the message", milter.name());
                    return new Outcome(discard, message, applied, quarantine, List.of());
                }
            }
        }
        return new Outcome(new MilterVerdict.Pass(applied, quarantine, false), message, applied, quarantine, envelope);
    }
}
