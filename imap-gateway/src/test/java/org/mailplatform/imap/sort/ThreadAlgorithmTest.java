package org.mailplatform.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.imap.protocol.ImapResponseWriter;

/** RFC 5256 4: THREAD ORDEREDSUBJECT and REFERENCES, written as RFC 5256 5 thread lists. */
class ThreadAlgorithmTest {

    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");

    private final List<SortableMessage> mailbox = new ArrayList<>();

    /** The next message in the mailbox, sent {@code minute} minutes after T0. */
    private void message(String id, String subject, int minute, String... references) {
        int seq = mailbox.size() + 1;
        BaseSubject base = BaseSubject.of(subject);
        Instant sent = T0.plusSeconds(60L * minute);
        mailbox.add(new SortableMessage(seq, seq, sent, 100, sent, base, Collation.key(base.text()), "", "", "", "", "",
                id, Arrays.asList(references)));
    }

    private String thread(ThreadAlgorithm algorithm) {
        return thread(algorithm, mailbox);
    }

    private static String thread(ThreadAlgorithm algorithm, List<SortableMessage> messages) {
        ImapResponseWriter out = new ImapResponseWriter();
        var line = out.untagged().atom("THREAD");
        ThreadWriter.write(line, algorithm.threads(messages), SortableMessage::sequence);
        line.end();
        String response = new String(out.drain(), StandardCharsets.US_ASCII);
        return response.substring("* THREAD".length(), response.length() - 2).strip();
    }

    @Test
    void aChainOfSingleRepliesIsOneRunOfNumbers() {
        message("a", "Plan", 1);
        message("b", "Re: Plan", 2, "a");
        message("c", "Re: Plan", 3, "a", "b");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 2 3)");
    }

    @Test
    void twoRepliesAreNestedListsSortedBySentDate() {
        message("a", "Plan", 1);
        message("b", "Re: Plan", 5, "a");
        message("c", "Re: Plan", 3, "a");
        message("d", "Re: Plan", 6, "a", "c");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 (3 4)(2))");
    }

    @Test
    void repliesToAMissingMessageHangUnderADummy() {
        message("other", "Unrelated", 1);
        message("b", "Re: Lost", 2, "lost");
        message("c", "Re: Lost", 3, "lost");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1)((2)(3))");
    }

    @Test
    void aDummyWithOneChildGivesWayToIt() {
        message("b", "Re: Lost", 2, "lost", "also-lost");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1)");
    }

    @Test
    void aDummyInsideAThreadIsSplicedOut() {
        message("a", "Plan", 1);
        message("c", "Re: Plan", 3, "a", "missing");
        message("d", "Re: Plan", 4, "a", "missing");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 (2)(3))");
    }

    @Test
    void referenceLoopsAreBroken() {
        message("a", "Loop", 1, "b");
        message("b", "Loop", 2, "a");
        message("self", "Self", 3, "self");
        message("x", "Cycle", 4, "y", "z", "x");
        message("y", "Cycle", 5, "x", "y");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(2 1)(3)((4)(5))");
    }

    @Test
    void rootsWithTheSameBaseSubjectAreMerged() {
        message("a", "Lunch", 1);
        message("b", "Re: Lunch", 2);
        message("c", "Dinner", 3);
        message("d", "Dinner", 4);
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 2)((3)(4))");
    }

    @Test
    void duplicateMessageIdsAndMissingIdsStillThreadEveryMessage() {
        message("a", "One", 1);
        message("a", "Two", 2);
        message(null, "Three", 3, "a");
        assertThat(thread(ThreadAlgorithm.REFERENCES)).isEqualTo("(1 3)(2)");
    }

    @Test
    void orderedSubjectGroupsByBaseSubjectUnderTheFirstMessage() {
        message("a", "Beta", 5);
        message("b", "Alpha", 2);
        message("c", "Re: Beta", 6);
        message("d", "Re: Alpha", 3);
        message("e", "Fwd: Alpha", 1);
        message("f", "Gamma", 4);
        assertThat(thread(ThreadAlgorithm.ORDEREDSUBJECT)).isEqualTo("(5 (2)(4))(6)(1 3)");
    }

    @Test
    void aLongChainNeitherOverflowsTheStackNorTakesLong() {
        int n = 100_000;
        List<SortableMessage> chain = new ArrayList<>();
        for (int i = n; i >= 1; i--) {
            Instant sent = T0.plusSeconds(i);
            BaseSubject base = BaseSubject.of("Re: chain");
            List<String> references = i == 1 ? List.of() : List.of("m" + (i - 1));
            chain.add(new SortableMessage(i, i, sent, 1, sent, base, Collation.key(base.text()), "", "", "", "", "",
                    "m" + i, references));
        }
        long start = System.nanoTime();
        String threads = thread(ThreadAlgorithm.REFERENCES, chain);
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(threads).startsWith("(1 2 3 ").endsWith(" 99999 100000)").doesNotContain("((");
    }
}
