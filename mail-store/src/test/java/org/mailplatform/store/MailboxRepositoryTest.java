package org.mailplatform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.MailboxStatus;
import org.mailplatform.store.mailbox.SpecialUse;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.IncomingMessage;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;

class MailboxRepositoryTest {

    private final MailboxRepository mailboxes = StoreTestDatabase.store().mailboxes();
    private final MessageRepository messages = StoreTestDatabase.store().messages();
    private Account account;

    @BeforeEach
    void account() {
        account = StoreTestDatabase.newAccount(StoreTestDatabase.newDomain(), "user");
    }

    @Test
    void createMakesMissingParentsAndRefusesDuplicates() {
        Mailbox created = mailboxes.create(account.id(), "Projects/2025/Q1/");

        assertThat(created.name()).isEqualTo("Projects/2025/Q1");
        assertThat(mailboxes.find(account.id(), "Projects")).isPresent();
        assertThat(mailboxes.find(account.id(), "Projects/2025")).isPresent();
        assertThatThrownBy(() -> mailboxes.create(account.id(), "Projects/2025")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> mailboxes.create(account.id(), "inbox")).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void inboxIsCaseInsensitiveOtherNamesAreNot() {
        assertThat(mailboxes.find(account.id(), "iNbOx")).get().extracting(Mailbox::isInbox).isEqualTo(true);
        Mailbox child = mailboxes.create(account.id(), "inbox/Child");
        Mailbox lower = mailboxes.create(account.id(), "sent");

        assertThat(child.name()).isEqualTo("INBOX/Child");
        assertThat(lower.name()).isEqualTo("sent");
        assertThat(mailboxes.find(account.id(), "Sent").orElseThrow().id()).isNotEqualTo(lower.id());
    }

    @Test
    void createWithSpecialUseAndChangeIt() {
        Mailbox all = mailboxes.create(account.id(), "All Mail", Optional.of(SpecialUse.ALL));
        assertThat(all.specialUse()).contains(SpecialUse.ALL);

        mailboxes.setSpecialUse(account.id(), "All Mail", Optional.empty());
        assertThat(mailboxes.find(account.id(), "All Mail").orElseThrow().specialUse()).isEmpty();
    }

    @Test
    void theJunkMailboxIsFoundByItsSpecialUseWhateverItsName() {
        Mailbox standard = mailboxes.findOrCreateSpecialUse(account.id(), SpecialUse.JUNK, "Junk");
        assertThat(standard.name()).isEqualTo("Junk");
        assertThat(standard.specialUse()).contains(SpecialUse.JUNK);

        mailboxes.rename(account.id(), "Junk", "Spam");
        Mailbox renamed = mailboxes.findOrCreateSpecialUse(account.id(), SpecialUse.JUNK, "Junk");
        assertThat(renamed.name()).isEqualTo("Spam");
        assertThat(renamed.id()).isEqualTo(standard.id());
        assertThat(mailboxes.find(account.id(), "Junk")).isEmpty();
    }

    @Test
    void anAccountWithoutAJunkMailboxGetsOneCreatedAndSubscribed() {
        mailboxes.delete(account.id(), "Junk");
        assertThat(mailboxes.findBySpecialUse(account.id(), SpecialUse.JUNK)).isEmpty();

        Mailbox created = mailboxes.findOrCreateSpecialUse(account.id(), SpecialUse.JUNK, "Junk");

        assertThat(created.name()).isEqualTo("Junk");
        assertThat(created.specialUse()).contains(SpecialUse.JUNK);
        assertThat(created.selectable()).isTrue();
        assertThat(created.subscribed()).isTrue();
        assertThat(mailboxes.findOrCreateSpecialUse(account.id(), SpecialUse.JUNK, "Junk").id()).isEqualTo(created.id());
    }

    @Test
    void aPlainMailboxNamedJunkIsGivenTheAttributeRatherThanDuplicated() {
        mailboxes.delete(account.id(), "Junk");
        Mailbox plain = mailboxes.create(account.id(), "Junk");
        assertThat(plain.specialUse()).isEmpty();

        Mailbox junk = mailboxes.findOrCreateSpecialUse(account.id(), SpecialUse.JUNK, "Junk");

        assertThat(junk.id()).isEqualTo(plain.id());
        assertThat(junk.specialUse()).contains(SpecialUse.JUNK);
    }

    @Test
    void renameMovesInferiorsAlongAndKeepsUidValidity() {
        Mailbox parent = mailboxes.create(account.id(), "Work");
        mailboxes.create(account.id(), "Work/Reports");
        mailboxes.create(account.id(), "Workshop");

        Mailbox renamed = mailboxes.rename(account.id(), "Work", "Archive/Old Work");

        assertThat(renamed.id()).isEqualTo(parent.id());
        assertThat(renamed.uidValidity()).isEqualTo(parent.uidValidity());
        assertThat(mailboxes.list(account.id())).extracting(Mailbox::name)
                .contains("Archive/Old Work", "Archive/Old Work/Reports", "Workshop")
                .doesNotContain("Work", "Work/Reports");
        assertThatThrownBy(() -> mailboxes.rename(account.id(), "Workshop", "Sent")).isInstanceOf(AlreadyExistsException.class);
        assertThatThrownBy(() -> mailboxes.rename(account.id(), "Workshop", "Workshop/Inner"))
                .isInstanceOf(OperationNotAllowedException.class);
        assertThatThrownBy(() -> mailboxes.rename(account.id(), "Nope", "Other")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        Mailbox inbox = mailboxes.inbox(account.id());
        messages.append(inbox.id(), message("one"), MessageFlags.of(SystemFlag.SEEN), Instant.now());
        messages.append(inbox.id(), message("two"), MessageFlags.none(), Instant.now());

        Mailbox old = mailboxes.rename(account.id(), "INBOX", "Old Inbox");

        assertThat(mailboxes.status(inbox.id()).messages()).isZero();
        assertThat(mailboxes.inbox(account.id()).id()).isEqualTo(inbox.id());
        assertThat(mailboxes.status(old.id()).messages()).isEqualTo(2);
        assertThat(messages.summaries(old.id(), UidSet.all(), false)).first()
                .extracting(s -> s.flags().has(SystemFlag.SEEN)).isEqualTo(true);
        assertThat(messages.expungedSince(inbox.id(), 0, UidSet.all())).containsExactly(1L, 2L);
    }

    @Test
    void deletingALeafRemovesItAndAReCreatedOneGetsANewUidValidity() {
        Mailbox first = mailboxes.create(account.id(), "Temp");
        messages.append(first.id(), message("x"), MessageFlags.none(), Instant.now());

        mailboxes.delete(account.id(), "Temp");
        Mailbox second = mailboxes.create(account.id(), "Temp");

        assertThat(second.uidValidity()).isNotEqualTo(first.uidValidity());
        assertThat(second.uidNext()).isEqualTo(1);
        assertThat(StoreTestDatabase.store().accounts().findById(account.id()).orElseThrow().usedBytes()).isZero();
    }

    @Test
    void deletingAParentKeepsItAsNoselectUntilItsInferiorsGo() {
        Mailbox parent = mailboxes.create(account.id(), "Lists");
        mailboxes.create(account.id(), "Lists/java");
        messages.append(parent.id(), message("in parent"), MessageFlags.none(), Instant.now());

        mailboxes.delete(account.id(), "Lists");

        Mailbox kept = mailboxes.find(account.id(), "Lists").orElseThrow();
        assertThat(kept.selectable()).isFalse();
        assertThat(mailboxes.status(kept.id()).messages()).isZero();
        assertThatThrownBy(() -> messages.append(kept.id(), message("no"), MessageFlags.none(), Instant.now()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> mailboxes.delete(account.id(), "Lists")).isInstanceOf(OperationNotAllowedException.class);

        mailboxes.delete(account.id(), "Lists/java");
        mailboxes.delete(account.id(), "Lists");
        assertThat(mailboxes.find(account.id(), "Lists")).isEmpty();
    }

    @Test
    void creatingANoselectNameMakesItSelectableAgainWithoutReusingUids() {
        Mailbox parent = mailboxes.create(account.id(), "P");
        mailboxes.create(account.id(), "P/c");
        messages.append(parent.id(), message("old"), MessageFlags.none(), Instant.now());
        mailboxes.delete(account.id(), "P");

        Mailbox again = mailboxes.create(account.id(), "P");

        assertThat(again.id()).isEqualTo(parent.id());
        assertThat(again.selectable()).isTrue();
        assertThat(messages.append(again.id(), message("new"), MessageFlags.none(), Instant.now()).uid()).isEqualTo(2);
    }

    @Test
    void inboxCannotBeDeleted() {
        assertThatThrownBy(() -> mailboxes.delete(account.id(), "inbox")).isInstanceOf(OperationNotAllowedException.class);
        assertThatThrownBy(() -> mailboxes.delete(account.id(), "Missing")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void subscribeAndUnsubscribe() {
        assertThat(mailboxes.unsubscribe(account.id(), "Junk")).isTrue();
        assertThat(mailboxes.find(account.id(), "Junk").orElseThrow().subscribed()).isFalse();
        assertThat(mailboxes.unsubscribe(account.id(), "Junk")).isFalse();

        mailboxes.subscribe(account.id(), "Junk");
        mailboxes.subscribe(account.id(), "Junk");
        assertThat(mailboxes.find(account.id(), "Junk").orElseThrow().subscribed()).isTrue();
        assertThatThrownBy(() -> mailboxes.subscribe(account.id(), "a//b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscriptionsAreNamesThatOutliveTheirMailboxes() {
        mailboxes.subscribe(account.id(), "Later/Child");
        assertThat(mailboxes.subscriptions(account.id())).contains("Later/Child");
        assertThat(mailboxes.create(account.id(), "Later/Child").subscribed()).isTrue();
        assertThat(mailboxes.create(account.id(), "Other").subscribed()).isFalse();

        mailboxes.delete(account.id(), "Later/Child");
        assertThat(mailboxes.subscriptions(account.id())).contains("Later/Child");
        assertThat(mailboxes.unsubscribe(account.id(), "Later/Child")).isTrue();
        assertThat(mailboxes.subscriptions(account.id())).doesNotContain("Later/Child");
    }

    @Test
    void subscriptionsFollowARename() {
        mailboxes.create(account.id(), "Old/Child");
        mailboxes.subscribe(account.id(), "Old");
        mailboxes.subscribe(account.id(), "Old/Child");
        mailboxes.subscribe(account.id(), "Older");
        mailboxes.rename(account.id(), "Old", "New");
        assertThat(mailboxes.subscriptions(account.id())).contains("New", "New/Child", "Older")
                .doesNotContain("Old", "Old/Child");
    }

    @Test
    void statusCountsMessagesUnseenDeletedAndSize() {
        Mailbox inbox = mailboxes.inbox(account.id());
        messages.append(inbox.id(), message("a"), MessageFlags.of(SystemFlag.SEEN), Instant.now());
        messages.append(inbox.id(), message("bb"), MessageFlags.none(), Instant.now());
        long third = messages.append(inbox.id(), message("ccc"), MessageFlags.none(), Instant.now()).uid();
        messages.storeFlags(inbox.id(), UidSet.of(third), FlagChange.add(MessageFlags.of(SystemFlag.DELETED)),
                java.util.OptionalLong.empty());

        MailboxStatus status = mailboxes.status(inbox.id());

        assertThat(status.messages()).isEqualTo(3);
        assertThat(status.unseen()).isEqualTo(2);
        assertThat(status.deleted()).isEqualTo(1);
        assertThat(status.uidNext()).isEqualTo(4);
        assertThat(status.highestModseq()).isEqualTo(5);
        assertThat(status.sizeBytes()).isEqualTo(3 * message("").content().length + 6);
        assertThat(status.uidValidity()).isEqualTo(inbox.uidValidity());
    }

    @Test
    void namesThatCannotBeMailboxesAreRefused() {
        assertThatThrownBy(() -> mailboxes.create(account.id(), "a//b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailboxes.create(account.id(), "/top")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailboxes.create(account.id(), "star*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailboxes.create(account.id(), "tab\there")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mailboxes.create(account.id(), "")).isInstanceOf(IllegalArgumentException.class);
        assertThat(MailboxName.ancestors("a/b/c")).containsExactly("a", "a/b");
        assertThat(mailboxes.find(account.id(), "a//b")).isEmpty();
    }

    @Test
    void unicodeNamesAreKeptAsGiven() {
        Mailbox m = mailboxes.create(account.id(), "Entwürfe/日本語");

        assertThat(mailboxes.find(account.id(), "Entwürfe/日本語")).get().extracting(Mailbox::id).isEqualTo(m.id());
    }

    private static IncomingMessage message(String body) {
        return IncomingMessage.raw(("Subject: t\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
    }
}
