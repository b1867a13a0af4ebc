package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.AppendResult;
import org.mailplatform.store.message.CopyResult;
import org.mailplatform.store.message.ExpungeResult;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.FlagUpdate;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.MoveResult;
import org.mailplatform.store.message.StoreFlagsResult;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;
import org.springframework.jdbc.core.simple.JdbcClient;

class MessageRepositoryTest {

    private final MailStore store = StoreTestDatabase.store();
    private final MessageRepository messages = store.messages();
    private final MailboxRepository mailboxes = store.mailboxes();
    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());
    private Account account;
    private Mailbox inbox;

    @BeforeEach
    void account() {
        account = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "reader");
        inbox = mailboxes.inbox(account.id());
    }

    @Test
    void binaryAndEightBitContentComesBackByteForByte() {
        byte[] content = new byte[4096];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        byte[] utf8 = "Subject: Grüße\r\n\r\nÜber 8bit: ☃ \u0000 NUL\r\n".getBytes(StandardCharsets.UTF_8);
        AppendResult binary = messages.append(inbox.id(), IncomingMessage.raw(content), MessageFlags.none(), Instant.now());
        AppendResult text = messages.append(inbox.id(), IncomingMessage.raw(utf8), MessageFlags.none(), Instant.now());

        assertThat(messages.content(inbox.id(), binary.uid()).orElseThrow().readAllBytes()).isEqualTo(content);
        assertThat(messages.content(inbox.id(), text.uid()).orElseThrow().readAllBytes()).isEqualTo(utf8);
        assertThat(binary.size()).isEqualTo(4096);
        assertThat(messages.content(inbox.id(), 999)).isEmpty();
    }

    @Test
    void aLargeMessageStreamsInSlicesAndReadsPartially() throws IOException {
        byte[] content = new byte[3 * 1024 * 1024 + 12345];
        new Random(42).nextBytes(content);
        long uid = messages.append(inbox.id(), IncomingMessage.raw(content), MessageFlags.none(), Instant.now()).uid();

        MessageContent stored = messages.content(inbox.id(), uid).orElseThrow();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = stored.openStream()) {
            in.transferTo(out);
        }

        assertThat(stored.size()).isEqualTo(content.length);
        assertThat(out.toByteArray()).isEqualTo(content);
        assertThat(stored.read(2_000_000, 10)).isEqualTo(java.util.Arrays.copyOfRange(content, 2_000_000, 2_000_010));
        assertThat(stored.read(content.length - 5, 100)).hasSize(5);
        assertThat(stored.read(content.length, 100)).isEmpty();
    }

    @Test
    void appendAssignsGrowingUidsAndModseqsAndKeepsWhatItWasGiven() {
        Instant date = Instant.parse("2025-03-01T10:15:30Z");
        IncomingMessage parsed = new IncomingMessage("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                Optional.of("{\"subject\": \"hi\"}"), Optional.of("[\"text\", \"plain\"]"), Optional.of("hi body"));

        AppendResult first = messages.append(inbox.id(), parsed,
                MessageFlags.of(Set.of(SystemFlag.SEEN, SystemFlag.FLAGGED), List.of("$Important", "Work")), date);
        AppendResult second = messages.append(inbox.id(), parsed, MessageFlags.none(), date);

        assertThat(first.uid()).isEqualTo(1);
        assertThat(second.uid()).isEqualTo(2);
        assertThat(second.modseq()).isGreaterThan(first.modseq());
        assertThat(first.uidValidity()).isEqualTo(inbox.uidValidity());
        MessageSummary summary = messages.summaries(inbox.id(), UidSet.of(1), true).getFirst();
        assertThat(summary.flags().system()).containsExactlyInAnyOrder(SystemFlag.SEEN, SystemFlag.FLAGGED);
        assertThat(summary.flags().keywords()).containsExactly("$Important", "Work");
        assertThat(summary.internalDate()).isEqualTo(date);
        assertThat(summary.envelopeJson()).contains("{\"subject\": \"hi\"}");
        assertThat(summary.bodyStructureJson()).contains("[\"text\", \"plain\"]");
        assertThat(messages.summaries(inbox.id(), UidSet.of(1), false).getFirst().envelopeJson()).isEmpty();
    }

    @Test
    void summariesCoverUidRangesInOrder() {
        for (int i = 0; i < 10; i++) {
            messages.append(inbox.id(), raw("m" + i), MessageFlags.none(), Instant.now());
        }
        UidSet set = UidSet.ofRanges(List.of(new UidSet.Range(8, 20), new UidSet.Range(2, 3), new UidSet.Range(5, 5)));

        assertThat(messages.summaries(inbox.id(), set, false)).extracting(MessageSummary::uid).containsExactly(2L, 3L, 5L, 8L, 9L, 10L);
        assertThat(messages.uids(inbox.id())).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(set.toString()).isEqualTo("2:3,5,8:20");
    }

    @Test
    void storeAddsRemovesAndReplacesFlagsWithANewModseq() {
        long a = messages.append(inbox.id(), raw("a"), MessageFlags.none(), Instant.now()).uid();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.of(SystemFlag.SEEN), Instant.now()).uid();
        long before = mailboxes.status(inbox.id()).highestModseq();

        StoreFlagsResult added = messages.storeFlags(inbox.id(), UidSet.of(a, b),
                FlagChange.add(MessageFlags.of(Set.of(SystemFlag.SEEN), List.of("Later"))), OptionalLong.empty());

        assertThat(added.updated()).extracting(FlagUpdate::uid).containsExactly(a, b);
        assertThat(added.highestModseq()).isEqualTo(before + 1);
        assertThat(added.updated()).allMatch(u -> u.modseq() == before + 1 && u.flags().has(SystemFlag.SEEN)
                && u.flags().keywords().equals(List.of("Later")));

        StoreFlagsResult removed = messages.storeFlags(inbox.id(), UidSet.of(b),
                FlagChange.remove(MessageFlags.of(Set.of(SystemFlag.SEEN), List.of("Later"))), OptionalLong.empty());
        assertThat(removed.updated().getFirst().flags()).isEqualTo(MessageFlags.none());

        StoreFlagsResult replaced = messages.storeFlags(inbox.id(), UidSet.all(),
                FlagChange.replace(MessageFlags.of(Set.of(SystemFlag.ANSWERED, SystemFlag.DRAFT), List.of("b", "a"))),
                OptionalLong.empty());
        assertThat(replaced.updated()).hasSize(2).allMatch(u -> u.flags().system().equals(Set.of(SystemFlag.ANSWERED, SystemFlag.DRAFT))
                && u.flags().keywords().equals(List.of("a", "b")));
        assertThat(messages.changedSince(inbox.id(), UidSet.all(), before + 1, false)).extracting(MessageSummary::uid)
                .containsExactly(a, b);
    }

    @Test
    void aStoreThatChangesNothingLeavesModseqAlone() {
        long uid = messages.append(inbox.id(), raw("a"), MessageFlags.of(SystemFlag.SEEN), Instant.now()).uid();
        long before = mailboxes.status(inbox.id()).highestModseq();

        StoreFlagsResult result = messages.storeFlags(inbox.id(), UidSet.of(uid), FlagChange.add(MessageFlags.of(SystemFlag.SEEN)),
                OptionalLong.empty());

        assertThat(result.updated()).isEmpty();
        assertThat(result.highestModseq()).isEqualTo(before);
        assertThat(mailboxes.status(inbox.id()).highestModseq()).isEqualTo(before);
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAloneAndReportsThem() {
        long a = messages.append(inbox.id(), raw("a"), MessageFlags.none(), Instant.now()).uid();
        long mid = mailboxes.status(inbox.id()).highestModseq();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.none(), Instant.now()).uid();

        StoreFlagsResult result = messages.storeFlags(inbox.id(), UidSet.of(a, b), FlagChange.add(MessageFlags.of(SystemFlag.FLAGGED)),
                OptionalLong.of(mid));

        assertThat(result.updated()).extracting(FlagUpdate::uid).containsExactly(a);
        assertThat(result.modified()).containsExactly(b);
    }

    @Test
    void expungeRemovesOnlyDeletedMessagesAndRecordsThemForVanished() {
        long size = raw("x").content().length;
        long one = messages.append(inbox.id(), raw("x"), MessageFlags.none(), Instant.now()).uid();
        long two = messages.append(inbox.id(), raw("x"), MessageFlags.of(SystemFlag.DELETED), Instant.now()).uid();
        long three = messages.append(inbox.id(), raw("x"), MessageFlags.of(SystemFlag.DELETED), Instant.now()).uid();
        long bodyOfTwo = messages.summaries(inbox.id(), UidSet.of(two), false).getFirst().bodyId();
        long before = mailboxes.status(inbox.id()).highestModseq();

        ExpungeResult onlyThree = messages.expunge(inbox.id(), UidSet.of(three));
        ExpungeResult rest = messages.expunge(inbox.id());

        assertThat(onlyThree.uids()).containsExactly(three);
        assertThat(rest.uids()).containsExactly(two);
        assertThat(rest.modseq()).isEqualTo(before + 2);
        assertThat(rest.freedBytes()).isEqualTo(size);
        assertThat(messages.uids(inbox.id())).containsExactly(one);
        assertThat(messages.expungedSince(inbox.id(), before, UidSet.all())).containsExactly(two, three);
        assertThat(messages.expungedSince(inbox.id(), before + 1, UidSet.all())).containsExactly(two);
        assertThat(messages.expungedSince(inbox.id(), 0, UidSet.of(one, three))).containsExactly(three);
        assertThat(store.accounts().findById(account.id()).orElseThrow().usedBytes()).isEqualTo(size);
        assertThat(jdbc.sql("SELECT count(*) FROM message_bodies WHERE id = ?").param(bodyOfTwo).query(Long.class).single()).isZero();
        assertThat(messages.expunge(inbox.id()).uids()).isEmpty();
        assertThat(mailboxes.status(inbox.id()).highestModseq()).isEqualTo(before + 2);
    }

    @Test
    void copySharesTheBodyKeepsFlagsAndMapsUids() {
        Mailbox archive = mailboxes.find(account.id(), "Archive").orElseThrow();
        messages.append(archive.id(), raw("already there"), MessageFlags.none(), Instant.now());
        long a = messages.append(inbox.id(), raw("a"), MessageFlags.of(Set.of(SystemFlag.SEEN), List.of("Keep")), Instant.now()).uid();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.none(), Instant.now()).uid();

        CopyResult copy = messages.copy(inbox.id(), UidSet.of(a, b, 77), archive.id());

        assertThat(copy.sourceUids()).containsExactly(a, b);
        assertThat(copy.targetUids()).containsExactly(2L, 3L);
        assertThat(copy.targetUidValidity()).isEqualTo(archive.uidValidity());
        MessageSummary original = messages.summaries(inbox.id(), UidSet.of(a), false).getFirst();
        MessageSummary copied = messages.summaries(archive.id(), UidSet.of(2), false).getFirst();
        assertThat(copied.bodyId()).isEqualTo(original.bodyId());
        assertThat(copied.flags()).isEqualTo(original.flags());
        assertThat(copied.internalDate()).isEqualTo(original.internalDate());
        assertThat(copied.modseq()).isEqualTo(copy.modseq());
        assertThat(messages.content(archive.id(), 2).orElseThrow().readAllBytes()).isEqualTo(raw("a").content());
        assertThat(store.accounts().findById(account.id()).orElseThrow().usedBytes())
                .isEqualTo(raw("already there").content().length + 2L * (raw("a").content().length + raw("b").content().length));

        messages.storeFlags(inbox.id(), UidSet.of(a), FlagChange.add(MessageFlags.of(SystemFlag.DELETED)), OptionalLong.empty());
        messages.expunge(inbox.id());
        assertThat(messages.content(archive.id(), 2).orElseThrow().readAllBytes()).isEqualTo(raw("a").content());
    }

    @Test
    void moveTakesMessagesOutOfTheSourceWithoutChangingUsage() {
        Mailbox trash = mailboxes.find(account.id(), "Trash").orElseThrow();
        long a = messages.append(inbox.id(), raw("a"), MessageFlags.none(), Instant.now()).uid();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.none(), Instant.now()).uid();
        long used = store.accounts().findById(account.id()).orElseThrow().usedBytes();

        MoveResult moved = messages.move(inbox.id(), UidSet.of(b), trash.id());

        assertThat(moved.copied().sourceUids()).containsExactly(b);
        assertThat(moved.copied().targetUids()).containsExactly(1L);
        assertThat(moved.expunged().uids()).containsExactly(b);
        assertThat(messages.uids(inbox.id())).containsExactly(a);
        assertThat(messages.uids(trash.id())).containsExactly(1);
        assertThat(store.accounts().findById(account.id()).orElseThrow().usedBytes()).isEqualTo(used);
        assertThat(messages.expungedSince(inbox.id(), 0, UidSet.all())).containsExactly(b);
    }

    @Test
    void quotaRefusesWhatDoesNotFit() {
        Account small = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "small", 100);
        long smallInbox = mailboxes.inbox(small.id()).id();
        long trash = mailboxes.find(small.id(), "Trash").orElseThrow().id();

        messages.append(smallInbox, IncomingMessage.raw(new byte[60]), MessageFlags.none(), Instant.now());
        assertThatThrownBy(() -> messages.append(smallInbox, IncomingMessage.raw(new byte[41]), MessageFlags.none(), Instant.now()))
                .isInstanceOf(QuotaExceededException.class);
        assertThatThrownBy(() -> messages.copy(smallInbox, UidSet.all(), trash)).isInstanceOf(QuotaExceededException.class);
        messages.move(smallInbox, UidSet.all(), trash);
        messages.append(smallInbox, IncomingMessage.raw(new byte[40]), MessageFlags.none(), Instant.now());

        assertThat(store.accounts().findById(small.id()).orElseThrow().usedBytes()).isEqualTo(100);
        assertThat(mailboxes.status(smallInbox).uidNext()).isEqualTo(3);
    }

    @Test
    void fullTextSearchFindsWordsInTheSearchText() {
        messages.append(inbox.id(), new IncomingMessage(raw("1").content(), Optional.empty(), Optional.empty(),
                Optional.of("Quarterly report attached")), MessageFlags.none(), Instant.now());
        messages.append(inbox.id(), new IncomingMessage(raw("2").content(), Optional.empty(), Optional.empty(),
                Optional.of("Lunch on Friday? \u0000")), MessageFlags.none(), Instant.now());

        assertThat(messages.searchText(inbox.id(), "REPORT")).containsExactly(1L);
        assertThat(messages.searchText(inbox.id(), "lunch friday")).containsExactly(2L);
        assertThat(messages.searchText(inbox.id(), "nothing")).isEmpty();
        assertThat(messages.searchText(inbox.id(), " ")).containsExactly(1L, 2L);
    }

    @Test
    void firstUnseenIsTheLowestUidWithoutSeen() {
        messages.append(inbox.id(), raw("a"), MessageFlags.of(SystemFlag.SEEN), Instant.now());
        assertThat(messages.firstUnseen(inbox.id())).isEmpty();
        messages.append(inbox.id(), raw("b"), MessageFlags.none(), Instant.now().minus(1, ChronoUnit.DAYS));

        assertThat(messages.firstUnseen(inbox.id())).hasValue(2);
    }

    @Test
    void keywordsThatAreNotAtomsAreRefused() {
        assertThatThrownBy(() -> MessageFlags.of(Set.of(), List.of("has space"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageFlags.of(Set.of(), List.of("\\Seen"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UidSet.range(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static IncomingMessage raw(String body) {
        return IncomingMessage.raw(("Subject: t\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
