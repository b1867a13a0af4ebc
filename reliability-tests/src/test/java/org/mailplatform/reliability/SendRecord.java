package org.mailplatform.reliability;

import java.util.ArrayList;
import java.util.List;

/** Every attempt the client made for one message, and the reply codes it got. */
final class SendRecord {

    private final TestMail mail;
    private final List<SendOutcome> attempts = new ArrayList<>();
    private final List<Integer> refusalCodes = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private final long startNanos;

    /** @param startNanos when the run began, for the attempts' times in reports */
    SendRecord(TestMail mail, long startNanos) {
        this.mail = mail;
        this.startNanos = startNanos;
    }

    TestMail mail() {
        return mail;
    }

    synchronized void attempt(SendOutcome outcome) {
        attempts.add(outcome);
        timeline.add(outcome + String.format("@%.1fs", (System.nanoTime() - startNanos) / 1e9));
    }

    synchronized void refused(SendOutcome outcome, int code) {
        attempt(outcome);
        refusalCodes.add(code);
    }

    /** The attempts with the time each ended, in seconds since the run began. */
    synchronized List<String> timeline() {
        return List.copyOf(timeline);
    }

    synchronized boolean accepted() {
        return attempts.contains(SendOutcome.ACCEPTED);
    }

    synchronized long count(SendOutcome outcome) {
        return attempts.stream().filter(outcome::equals).count();
    }

    synchronized List<SendOutcome> attempts() {
        return List.copyOf(attempts);
    }

    synchronized List<Integer> refusalCodes() {
        return List.copyOf(refusalCodes);
    }

    /**
     * How many copies a mailbox may hold: exactly one for a message accepted with no uncertain
     * attempt; one more per uncertain attempt (a 250 lost with the connection); none for a
     * message never accepted, unless an uncertain attempt was taken after all.
     */
    synchronized int minCopies() {
        return accepted() ? 1 : 0;
    }

    synchronized int maxCopies() {
        return (accepted() ? 1 : 0) + (int) count(SendOutcome.UNCERTAIN);
    }
}
