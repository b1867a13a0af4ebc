package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.message.MessageParser;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.DeliveryRequest;
import org.mailplatform.store.delivery.DeliveryTarget;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.MailboxStatus;
import org.mailplatform.store.message.AppendResult;
import org.mailplatform.store.message.CopyResult;
import org.mailplatform.store.message.ExpungeResult;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.FlagUpdate;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MailboxContents;
import org.mailplatform.store.message.MailboxListing;
import org.mailplatform.store.message.MailboxUpdates;
import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageIndexer;
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
    void aListingGivesTheMailboxAndEveryUidWithItsSizeInOrder() {
        assertThat(messages.listing(account.id(), "INBOX").orElseThrow())
                .satisfies(empty -> {
                    assertThat(empty.mailboxId()).isEqualTo(inbox.id());
                    assertThat(empty.uids()).isEmpty();
                });
        AppendResult first = messages.append(inbox.id(), raw("first"), MessageFlags.none(), Instant.now());
        AppendResult gone = messages.append(inbox.id(), raw("second, a little longer"), MessageFlags.none(), Instant.now());
        AppendResult third = messages.append(inbox.id(), raw("third"), MessageFlags.none(), Instant.now());
        messages.storeFlags(inbox.id(), UidSet.of(gone.uid()), FlagChange.add(MessageFlags.of(SystemFlag.DELETED)),
                OptionalLong.empty());
        messages.expunge(inbox.id(), UidSet.of(gone.uid()));

        MailboxListing listing = messages.listing(account.id(), "INBOX").orElseThrow();
        assertThat(listing.mailboxId()).isEqualTo(inbox.id());
        assertThat(listing.uidValidity()).isEqualTo(inbox.uidValidity());
        assertThat(listing.uids()).containsExactly(first.uid(), third.uid());
        assertThat(listing.sizes()).containsExactly(first.size(), third.size());
        assertThat(messages.listing(account.id(), "No such mailbox")).isEmpty();
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
        assertThat(mailboxes.status(inbox.id()).highestModseq()).isEqualTo(before + 1);
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
    void updatesSinceGiveTheHighestModseqExpungesAndChangesOfOneSnapshot() {
        long a = messages.append(inbox.id(), raw("a"), MessageFlags.none(), Instant.now()).uid();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.of(SystemFlag.DELETED), Instant.now()).uid();
        long c = messages.append(inbox.id(), raw("c"), MessageFlags.none(), Instant.now()).uid();
        long seen = mailboxes.status(inbox.id()).highestModseq();

        MailboxUpdates none = messages.updatesSince(inbox.id(), seen, UidSet.range(a, c)).orElseThrow();
        assertThat(none.highestModseq()).isEqualTo(seen);
        assertThat(none.expunged()).isEmpty();
        assertThat(none.changed()).isEmpty();

        messages.storeFlags(inbox.id(), UidSet.of(a), FlagChange.add(MessageFlags.of(Set.of(SystemFlag.FLAGGED), List.of("Later"))),
                OptionalLong.empty());
        messages.expunge(inbox.id());
        long d = messages.append(inbox.id(), raw("d"), MessageFlags.of(SystemFlag.SEEN), Instant.now()).uid();

        MailboxUpdates some = messages.updatesSince(inbox.id(), seen, UidSet.range(a, c)).orElseThrow();
        assertThat(some.highestModseq()).isEqualTo(mailboxes.status(inbox.id()).highestModseq()).isEqualTo(seen + 3);
        assertThat(some.expunged()).containsExactly(b);
        assertThat(some.changed()).extracting(MessageSummary::uid).containsExactly(a, d);
        assertThat(some.changed().getFirst().flags()).isEqualTo(MessageFlags.of(Set.of(SystemFlag.FLAGGED), List.of("Later")));
        assertThat(some.changed().getLast().flags()).isEqualTo(MessageFlags.of(SystemFlag.SEEN));
        // Expunges outside the scope (the client never knew those UIDs) are left out.
        assertThat(messages.updatesSince(inbox.id(), seen, UidSet.of(a)).orElseThrow().expunged()).isEmpty();
        assertThat(messages.updatesSince(inbox.id(), seen, UidSet.empty()).orElseThrow().expunged()).isEmpty();
        assertThat(messages.updatesSince(-1, 0, UidSet.all())).isEmpty();
    }

    @Test
    void contentsForSelectGiveTheCountersAndEveryMessageOfOneSnapshot() {
        MailboxContents empty = messages.contentsForSelect(inbox.id()).orElseThrow();
        assertThat(empty.messages()).isEmpty();
        assertThat(empty.firstUnseenUid()).isZero();

        long a = messages.append(inbox.id(), raw("a"), MessageFlags.of(SystemFlag.SEEN), Instant.now()).uid();
        long b = messages.append(inbox.id(), raw("b"), MessageFlags.of(Set.of(), List.of("Work")), Instant.now()).uid();
        MailboxContents contents = messages.contentsForSelect(inbox.id()).orElseThrow();
        MailboxStatus status = mailboxes.status(inbox.id());

        assertThat(contents.messages()).extracting(MessageSummary::uid).containsExactly(a, b);
        assertThat(contents.messages().getLast().flags().keywords()).containsExactly("Work");
        assertThat(contents.uidNext()).isEqualTo(status.uidNext()).isEqualTo(b + 1);
        assertThat(contents.uidValidity()).isEqualTo(inbox.uidValidity());
        assertThat(contents.highestModseq()).isEqualTo(status.highestModseq());
        assertThat(contents.firstRecentUid()).isEqualTo(status.firstRecentUid());
        assertThat(contents.firstUnseenUid()).isEqualTo(b).isEqualTo(messages.firstUnseen(inbox.id()).orElseThrow());
        assertThat(messages.contentsForSelect(-1)).isEmpty();
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
    void contentsOfManyMessagesComeInOneQueryAndMatchTheSingleReads() {
        byte[] prefix = "Delivered-To: reader@example.test\r\n".getBytes(StandardCharsets.US_ASCII);
        long delivered = store.delivery().deliver(new DeliveryRequest("q-" + UUID.randomUUID(),
                IncomingMessage.raw("Subject: delivered\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)),
                Instant.now(), List.of(DeliveryTarget.inbox(account.id(), prefix)))).recipients().getFirst().uid();
        long small = messages.append(inbox.id(), raw("small"), MessageFlags.none(), Instant.now()).uid();
        byte[] big = new byte[MessageRepository.INLINE_BODY_LIMIT + 4097];
        new Random(7).nextBytes(big);
        long large = messages.append(inbox.id(), IncomingMessage.raw(big), MessageFlags.none(), Instant.now()).uid();
        long gone = messages.append(inbox.id(), raw("gone"), MessageFlags.of(SystemFlag.DELETED), Instant.now()).uid();
        messages.expunge(inbox.id());

        Map<Long, MessageContent> contents = messages.contents(inbox.id(), UidSet.of(delivered, small, large, gone, 99));

        assertThat(contents).containsOnlyKeys(delivered, small, large);
        for (long uid : List.of(delivered, small, large)) {
            MessageContent single = messages.content(inbox.id(), uid).orElseThrow();
            assertThat(contents.get(uid).size()).isEqualTo(single.size());
            assertThat(contents.get(uid).readAllBytes()).isEqualTo(single.readAllBytes());
        }
        assertThat(new String(contents.get(delivered).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("Delivered-To: reader@example.test\r\nSubject: delivered\r\n\r\nhello\r\n");
        assertThat(contents.get(large).read(MessageRepository.INLINE_BODY_LIMIT, 10))
                .isEqualTo(Arrays.copyOfRange(big, MessageRepository.INLINE_BODY_LIMIT, MessageRepository.INLINE_BODY_LIMIT + 10));
        assertThat(messages.contents(inbox.id(), UidSet.empty())).isEmpty();
    }

    @Test
    void headerSectionsAreThePrefixAndTheHeaderUpToItsEmptyLine() {
        String header = "From: Carol <carol@remote.test>\r\nSubject: Quarterly\r\n report\r\n\r\n";
        byte[] body = (header + "Body\r\n\r\nwith an empty line\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = "Delivered-To: reader@example.test\r\n".getBytes(StandardCharsets.US_ASCII);
        long delivered = store.delivery().deliver(new DeliveryRequest("q-" + UUID.randomUUID(),
                new MessageIndexer(new MessageParser()).index(body), Instant.now(),
                List.of(DeliveryTarget.inbox(account.id(), prefix)))).recipients().getFirst().uid();
        long bareLf = messages.append(inbox.id(), IncomingMessage.raw("Subject: lf\n\nbody\n\nmore\n"
                .getBytes(StandardCharsets.US_ASCII)), MessageFlags.none(), Instant.now()).uid();
        long noHeader = messages.append(inbox.id(), IncomingMessage.raw("\r\nSubject: not a header\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)), MessageFlags.none(), Instant.now()).uid();
        long headerOnly = messages.append(inbox.id(), IncomingMessage.raw("Subject: only\r\n"
                .getBytes(StandardCharsets.US_ASCII)), MessageFlags.none(), Instant.now()).uid();

        Map<Long, byte[]> sections = messages.headerSections(inbox.id(), UidSet.all());

        assertThat(sections).containsOnlyKeys(delivered, bareLf, noHeader, headerOnly);
        assertThat(new String(sections.get(delivered), StandardCharsets.US_ASCII))
                .isEqualTo("Delivered-To: reader@example.test\r\n" + header);
        assertThat(new String(sections.get(bareLf), StandardCharsets.US_ASCII)).isEqualTo("Subject: lf\n\n");
        assertThat(new String(sections.get(noHeader), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        assertThat(new String(sections.get(headerOnly), StandardCharsets.US_ASCII)).isEqualTo("Subject: only\r\n");
        assertThat(messages.headerSections(inbox.id(), UidSet.of(bareLf, headerOnly))).containsOnlyKeys(bareLf, headerOnly);
        assertThat(messages.headerSections(inbox.id(), UidSet.empty())).isEmpty();
    }

    @Test
    void headerSectionsReadOnlyAsFarAsTheStoredStructureSaysTheHeaderGoes() {
        byte[] content = "Subject: a\r\nFrom: b@remote.test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        // A document that places the header's end after the Subject line: only that much is read.
        String document = "{\"version\": 1, \"message\": {\"body\": {\"bodyStart\": 12}}}";
        long stored = messages.append(inbox.id(), new IncomingMessage(content, Optional.empty(), Optional.of(document),
                Optional.empty()), MessageFlags.none(), Instant.now()).uid();
        String otherFormat = "{\"version\": 2, \"message\": {\"body\": {\"bodyStart\": 12}}}";
        long unknown = messages.append(inbox.id(), new IncomingMessage(content, Optional.empty(), Optional.of(otherFormat),
                Optional.empty()), MessageFlags.none(), Instant.now()).uid();

        Map<Long, byte[]> sections = messages.headerSections(inbox.id(), UidSet.all());

        assertThat(new String(sections.get(stored), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\r\n");
        assertThat(new String(sections.get(unknown), StandardCharsets.US_ASCII))
                .isEqualTo("Subject: a\r\nFrom: b@remote.test\r\n\r\n");
    }

    @Test
    void aHeaderLongerThanTheLimitIsCutThere() {
        String longField = "X-Long: " + "a".repeat(MessageRepository.MAX_HEADER_SECTION) + "\r\n";
        byte[] content = ("Subject: big\r\n" + longField + "\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        long raw = messages.append(inbox.id(), IncomingMessage.raw(content), MessageFlags.none(), Instant.now()).uid();
        long parsed = messages.append(inbox.id(), new MessageIndexer(new MessageParser()).index(content),
                MessageFlags.none(), Instant.now()).uid();

        Map<Long, byte[]> sections = messages.headerSections(inbox.id(), UidSet.all());

        assertThat(sections.get(raw)).hasSize(MessageRepository.MAX_HEADER_SECTION)
                .startsWith("Subject: big\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(sections.get(parsed)).isEqualTo(sections.get(raw));
    }

    @Test
    void textSearchMatchesSubstringsIgnoringCase() {
        messages.append(inbox.id(), new IncomingMessage(raw("1").content(), Optional.empty(), Optional.empty(),
                Optional.of("Quarterly report attached")), MessageFlags.none(), Instant.now());
        messages.append(inbox.id(), new IncomingMessage(raw("2").content(), Optional.empty(), Optional.empty(),
                Optional.of("Lunch on Friday? \u0000")), MessageFlags.none(), Instant.now());

        assertThat(messages.searchText(inbox.id(), "REPORT")).containsExactly(1L);
        // RFC 3501 6.4.4: a substring, not a word, and case does not matter.
        assertThat(messages.searchText(inbox.id(), "ARTERL")).containsExactly(1L);
        assertThat(messages.searchText(inbox.id(), "lunch on fri")).containsExactly(2L);
        assertThat(messages.searchText(inbox.id(), "lunch friday")).isEmpty();
        assertThat(messages.searchText(inbox.id(), "nothing")).isEmpty();
        // LIKE wildcards in the client's text are literal.
        assertThat(messages.searchText(inbox.id(), "%")).isEmpty();
        assertThat(messages.searchText(inbox.id(), "y_r")).isEmpty();
        assertThat(messages.searchText(inbox.id(), " ")).containsExactly(1L, 2L);
    }

    @Test
    void bodySearchLeavesOutTheHeaderPartOfTheSearchText() {
        // A subject with a character outside the BMP: the body's start is counted as PostgreSQL counts.
        messages.append(inbox.id(), new IncomingMessage(raw("1").content(), Optional.empty(), Optional.empty(),
                Optional.of("Plans \uD83D\uDE80 qwerty\nasdf"), 15), MessageFlags.none(), Instant.now());
        messages.append(inbox.id(), new IncomingMessage(raw("2").content(), Optional.empty(), Optional.empty(),
                Optional.of("Other\nqwerty asdf")), MessageFlags.none(), Instant.now());

        assertThat(messages.searchText(inbox.id(), "QWERTY")).containsExactly(1L, 2L);
        assertThat(messages.searchBody(inbox.id(), "QWERTY")).containsExactly(2L);
        assertThat(messages.searchBody(inbox.id(), "asdf")).containsExactly(1L, 2L);
        assertThat(messages.searchBody(inbox.id(), "y\nasdf")).isEmpty();
        assertThat(messages.searchBody(inbox.id(), "other")).containsExactly(2L);
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
