package org.mailplatform.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.mailplatform.localstack.PlatformService;
import org.mailplatform.records.topics.MailTopics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mail accepted is never lost or duplicated, whatever part of the platform dies: messages stream
 * in through submission (MSA, STARTTLS + AUTH) and port 25 (MTA) from several clients that retry
 * like real SMTP clients, while each service, then the Kafka broker, then PostgreSQL is killed
 * with SIGKILL and started again. Afterwards every message that got a 250 is in each of its
 * recipients' mailboxes exactly once (by Message-ID), a message that never got one is absent,
 * every refused remote recipient produced exactly one DSN, all consumer lag is zero, nothing sits
 * on the dead-letter topic, and every process still runs: nothing needed a hand.
 *
 * <p>Size: {@code -Dreliability.messages} (default 300), {@code -Dreliability.kills} (default
 * {@code MSA,MTA,MDA,KAFKA,POSTGRES}), {@code -Dreliability.rounds} (default 1),
 * {@code -Dreliability.senders} (default 4). {@code scripts/chaos.sh} runs it larger.
 */
@Order(2)
class CrashSafetyTest {

    private static final int MESSAGES = Integer.getInteger("reliability.messages", 300);
    private static final int ROUNDS = Integer.getInteger("reliability.rounds", 1);
    private static final int SENDERS = Integer.getInteger("reliability.senders", 4);
    private static final List<Victim> KILLS_PER_ROUND = Arrays.stream(
                    System.getProperty("reliability.kills", "MSA,MTA,MDA,KAFKA,POSTGRES").split(","))
            .map(String::trim).map(Victim::valueOf).toList();
    /** How long the platform may take to settle after the last kill: retries back off up to 30 s. */
    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);
    private static final Path REPORT = Path.of("target", "reliability", "crash-safety.txt");

    @Test
    void acceptedMailIsNeverLostOrDuplicatedWhilePartsAreKilled() throws Exception {
        PlatformProcesses platform = PlatformProcesses.shared();
        List<Victim> kills = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            kills.addAll(KILLS_PER_ROUND);
        }
        long begin = System.nanoTime();
        List<SendRecord> records = plan(MESSAGES, begin);
        int phases = kills.size() + 1;
        MailFeed feed = new MailFeed(records, phaseEnd(0, phases));
        long deadline = begin + Duration.ofMinutes(10L + 2L * kills.size()).toNanos();

        List<String> killLog = new ArrayList<>();
        Map<Victim, Integer> killCount = new EnumMap<>(Victim.class);
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < SENDERS; i++) {
                running.add(senders.submit(() -> {
                    try (RetryingSmtpClient client = new RetryingSmtpClient(platform)) {
                        for (SendRecord record = feed.take(); record != null; record = feed.take()) {
                            client.send(record, deadline);
                        }
                    }
                    return null;
                }));
            }
            try {
                killAndRestart(platform, kills, feed, phases, killLog, killCount, begin);
            } catch (RuntimeException | Error e) {
                // The senders would wait for messages that are never released, or retry until the deadline.
                senders.shutdownNow();
                throw e;
            }
            for (Future<?> sender : running) {
                sender.get();
            }
        }
        long sendingMillis = (System.nanoTime() - begin) / 1_000_000;

        List<SendRecord> accepted = records.stream().filter(SendRecord::accepted).toList();
        try (ConsumerLag lag = new ConsumerLag(platform.stack.kafkaBootstrapServers())) {
            // Everything accepted arrives, and every consumer catches up, without anyone's help.
            await().atMost(SETTLE_LIMIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                    allArrived(MailboxCensus.take(platform.stack.database().dataSource()), accepted)
                            && GroupLag.of(lag.byGroup()).settled());
            GroupLag finalLag = GroupLag.of(lag.byGroup());
            long deadLetters = deadLetters(lag);
            MailboxCensus census = MailboxCensus.take(platform.stack.database().dataSource());
            Verdict verdict = Verdict.of(records, census);

            String report = report(records, kills.size(), killCount, killLog, sendingMillis, verdict, finalLag, deadLetters);
            System.out.print(report);
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report);

            assertThat(verdict.lost()).as("accepted messages missing from a recipient's mailbox").isEmpty();
            assertThat(verdict.duplicated()).as("copies beyond what the client's attempts allow").isEmpty();
            assertThat(verdict.dsnProblems()).as("refused recipients without exactly one DSN").isEmpty();
            assertThat(records.stream().filter(r -> r.count(SendOutcome.PERMANENT_REFUSAL) > 0).map(r -> r.mail().messageId()))
                    .as("messages the platform refused permanently").isEmpty();
            assertThat(records).as("every message was accepted in the end").allMatch(SendRecord::accepted);
            assertThat(finalLag.platform().keySet()).as("the platform's consumer groups").containsAll(GroupLag.ALWAYS_THERE);
            assertThat(finalLag.platform().values()).as("consumer lag").allMatch(l -> l == 0);
            assertThat(finalLag.others()).as("consumer groups that are none of the platform's (left behind by a restart?)").isEmpty();
            assertThat(deadLetters).as("records on " + MailTopics.DEAD_LETTER).isZero();
        }
        for (PlatformService service : platform.stack.services()) {
            assertThat(platform.stack.isServiceAlive(service)).as(service.serviceName() + " still running").isTrue();
        }
        assertThat(platform.stack.isKafkaAlive()).as("Kafka still running").isTrue();
    }

    /** Kills each victim in turn once half of its phase's messages are handed out; the next phase starts when it is back. */
    private static void killAndRestart(PlatformProcesses platform, List<Victim> kills, MailFeed feed, int phases,
                                       List<String> killLog, Map<Victim, Integer> killCount, long begin) {
        for (int p = 0; p < kills.size(); p++) {
            int trigger = phaseStart(p, phases) + (phaseEnd(p, phases) - phaseStart(p, phases)) / 2;
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> feed.taken() >= trigger);
            } catch (ConditionTimeoutException stalled) {
                ThreadDumps.write(platform, REPORT.resolveSibling("stalled-" + p + ".txt"));
                throw stalled;
            }
            Victim victim = kills.get(p);
            long pid = victim.pid(platform.stack);
            long killedAt = System.nanoTime();
            victim.kill(platform.stack);
            victim.restart(platform.stack);
            long downFor = (System.nanoTime() - killedAt) / 1_000_000;
            killCount.merge(victim, 1, Integer::sum);
            killLog.add(String.format("%-8s pid %-7d killed at %6.1fs (message %4d), back after %5d ms",
                    victim, pid, (killedAt - begin) / 1e9, trigger, downFor));
            System.out.println("chaos: " + killLog.getLast());
            feed.release(phaseEnd(p + 1, phases));
        }
    }

    /** Half the messages submitted by alice (to bob; every fifth also to a refusing remote server), half transferred from outside to bob, alice or both. */
    private static List<SendRecord> plan(int messages, long begin) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<SendRecord> records = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            String messageId = "<chaos-" + run + "-" + i + "@client.remote.test>";
            TestMail mail;
            if (i % 2 == 0) {
                Optional<String> refused = i % 10 == 0
                        ? Optional.of("nobody-" + i + "@" + PlatformProcesses.BOUNCE_DOMAIN) : Optional.empty();
                mail = new TestMail(i, messageId, TestMail.Route.SUBMISSION, PlatformProcesses.ALICE,
                        List.of(PlatformProcesses.BOB), refused);
            } else {
                List<String> to = switch (i % 3) {
                    case 0 -> List.of(PlatformProcesses.BOB);
                    case 1 -> List.of(PlatformProcesses.ALICE);
                    default -> List.of(PlatformProcesses.BOB, PlatformProcesses.ALICE);
                };
                mail = new TestMail(i, messageId, TestMail.Route.TRANSFER, "sender-" + i + "@remote.test", to, Optional.empty());
            }
            records.add(new SendRecord(mail, begin));
        }
        return records;
    }

    private static int phaseStart(int phase, int phases) {
        return (int) ((long) MESSAGES * phase / phases);
    }

    private static int phaseEnd(int phase, int phases) {
        return (int) ((long) MESSAGES * (phase + 1) / phases);
    }

    private static boolean allArrived(MailboxCensus census, List<SendRecord> accepted) {
        for (SendRecord record : accepted) {
            TestMail mail = record.mail();
            for (String recipient : mail.localRecipients()) {
                if (census.copies(recipient, mail.messageId()) == 0) {
                    return false;
                }
            }
            if (mail.refusedRecipient().isPresent() && census.dsns(mail.from(), mail.messageId()) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long deadLetters(ConsumerLag lag) {
        try {
            return lag.recordsIn(MailTopics.DEAD_LETTER);
        } catch (IllegalStateException e) {
            // No service ever created the topic: nothing was dead-lettered.
            return 0;
        }
    }

    /**
     * Consumer lag split into the platform's own groups (the MDA's, and the MTA's queue, retry
     * tiers and delivery reports, by their default names) and any other group. Only the platform's
     * groups must reach zero: a group nothing consumes with any more never would, and would hold
     * the verdict until the settle limit; it is reported and fails the test on its own instead.
     */
    record GroupLag(Map<String, Long> platform, Map<String, Long> others) {

        /** Groups whose consumers run all the time: absent from the listing, their lag could not be read at all. */
        static final List<String> ALWAYS_THERE = List.of("mda", "mta-outbound", "mta-outbound-reports");

        static GroupLag of(Map<String, Long> byGroup) {
            Map<String, Long> platform = new TreeMap<>();
            Map<String, Long> others = new TreeMap<>();
            byGroup.forEach((group, lag) -> (isPlatformGroup(group) ? platform : others).put(group, lag));
            return new GroupLag(platform, others);
        }

        static boolean isPlatformGroup(String group) {
            return group.equals("mda") || group.equals("mta-outbound") || group.startsWith("mta-outbound-");
        }

        boolean settled() {
            return platform.keySet().containsAll(ALWAYS_THERE) && platform.values().stream().allMatch(l -> l == 0);
        }
    }

    /** What the mailboxes show against what the clients were told. */
    record Verdict(List<String> lost, List<String> duplicated, List<String> dsnProblems, int copiesChecked,
                   List<String> duplicatesAfterLostReply, int dsnsExpected, int dsnsFound) {

        static Verdict of(List<SendRecord> records, MailboxCensus census) {
            List<String> lost = new ArrayList<>();
            List<String> duplicated = new ArrayList<>();
            List<String> dsnProblems = new ArrayList<>();
            int checked = 0;
            List<String> afterLostReply = new ArrayList<>();
            int dsnsExpected = 0;
            int dsnsFound = 0;
            for (SendRecord record : records) {
                TestMail mail = record.mail();
                for (String recipient : mail.localRecipients()) {
                    int copies = census.copies(recipient, mail.messageId());
                    checked++;
                    if (copies < record.minCopies()) {
                        lost.add(mail.messageId() + " for " + recipient + " after " + record.timeline());
                    } else if (copies > record.maxCopies()) {
                        duplicated.add(mail.messageId() + " x" + copies + " for " + recipient + " after " + record.timeline());
                    } else if (copies > 1) {
                        afterLostReply.add(mail.messageId() + " x" + copies + " for " + recipient + " after " + record.timeline());
                    }
                }
                if (mail.refusedRecipient().isPresent()) {
                    int found = census.dsns(mail.from(), mail.messageId());
                    dsnsFound += found;
                    if (record.accepted()) {
                        dsnsExpected++;
                    }
                    if (found < record.minCopies() || found > record.maxCopies()) {
                        dsnProblems.add(mail.messageId() + ": " + found + " DSNs after " + record.timeline());
                    }
                }
            }
            return new Verdict(lost, duplicated, dsnProblems, checked, afterLostReply, dsnsExpected, dsnsFound);
        }
    }

    private static String report(List<SendRecord> records, int kills, Map<Victim, Integer> killCount, List<String> killLog,
                                 long sendingMillis, Verdict verdict, GroupLag lag, long deadLetters) {
        Map<SendOutcome, Long> outcomes = new EnumMap<>(SendOutcome.class);
        for (SendRecord r : records) {
            for (SendOutcome o : r.attempts()) {
                outcomes.merge(o, 1L, Long::sum);
            }
        }
        Map<Integer, Long> codes = records.stream().flatMap(r -> r.refusalCodes().stream())
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        StringBuilder b = new StringBuilder();
        b.append("==== crash safety ====\n");
        b.append(String.format("messages: %d (%d submission, %d port 25), accepted: %d, sending took %d s%n", records.size(),
                records.stream().filter(r -> r.mail().route() == TestMail.Route.SUBMISSION).count(),
                records.stream().filter(r -> r.mail().route() == TestMail.Route.TRANSFER).count(),
                records.stream().filter(SendRecord::accepted).count(), sendingMillis / 1000));
        b.append("attempts by outcome: ").append(outcomes).append(", refusal codes: ").append(codes).append('\n');
        b.append("kills: ").append(kills).append(' ').append(killCount).append('\n');
        killLog.forEach(l -> b.append("  ").append(l).append('\n'));
        b.append(String.format("mailbox copies checked: %d, lost: %d, duplicated: %d, second copies after a lost reply: %d%n",
                verdict.copiesChecked(), verdict.lost().size(), verdict.duplicated().size(), verdict.duplicatesAfterLostReply().size()));
        b.append(String.format("DSNs expected: %d, found: %d, wrong count: %d%n", verdict.dsnsExpected(), verdict.dsnsFound(),
                verdict.dsnProblems().size()));
        b.append("consumer lag: ").append(lag.platform()).append(", other groups: ").append(lag.others())
                .append(", dead letters: ").append(deadLetters).append('\n');
        verdict.lost().stream().limit(20).forEach(l -> b.append("  LOST ").append(l).append('\n'));
        verdict.duplicated().stream().limit(20).forEach(l -> b.append("  DUPLICATED ").append(l).append('\n'));
        verdict.dsnProblems().stream().limit(20).forEach(l -> b.append("  DSN ").append(l).append('\n'));
        verdict.duplicatesAfterLostReply().stream().limit(20).forEach(l -> b.append("  SECOND COPY AFTER A LOST REPLY ").append(l).append('\n'));
        return b.toString();
    }
}
