package org.mailplatform.pop3.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.publish.MailboxEventPublisher;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.mailbox.MailboxName;
import org.mailplatform.store.message.ExpungeResult;
import org.mailplatform.store.message.FlagChange;
import org.mailplatform.store.message.MailboxListing;
import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The maildrop is the account's INBOX, the same mailbox IMAP shows, so a message has one identity
 * for both: its UIDL is {@code <UIDVALIDITY>.<UID>}. Removal goes through the store's EXPUNGE, which
 * records the UIDs for IMAP's VANISHED and gives the bytes back to the quota, and is announced on
 * {@code mailbox.events} so open IMAP sessions see it.
 */
public final class MaildropStore {

    private static final Logger log = LoggerFactory.getLogger(MaildropStore.class);

    private final MessageRepository messages;
    private final TransactionTemplate transactions;
    private final MailboxEventPublisher events;
    private final String replicaId;

    /**
     * @param transactions must manage the store's DataSource, so that the store calls made inside
     *                     it share one transaction
     */
    public MaildropStore(MessageRepository messages, TransactionTemplate transactions,
                         MailboxEventPublisher events, String replicaId) {
        this.messages = messages;
        this.transactions = transactions;
        this.events = events;
        this.replicaId = replicaId;
    }

    /** The INBOX's messages now (RFC 1939 4: the list is fixed when the maildrop is opened). */
    public MaildropSnapshot open(Account account) {
        MailboxListing inbox = messages.listing(account.id(), MailboxName.INBOX)
                .orElseThrow(() -> new NotFoundException("account " + account.id() + " has no INBOX"));
        List<MaildropEntry> entries = new ArrayList<>(inbox.uids().length);
        for (int i = 0; i < inbox.uids().length; i++) {
            entries.add(new MaildropEntry(inbox.uids()[i], inbox.sizes()[i]));
        }
        return new MaildropSnapshot(account, inbox.mailboxId(), inbox.uidValidity(), entries);
    }

    /** The message's octets; empty when it is gone (expunged over IMAP since the maildrop was opened). */
    public Optional<MessageContent> content(long mailboxId, long uid) {
        return messages.content(mailboxId, uid);
    }

    /** The octets of the messages in {@code uids} that are still there, keyed by UID, in one query. */
    public Map<Long, MessageContent> contents(long mailboxId, List<Long> uids) {
        return messages.contents(mailboxId, UidSet.of(uids));
    }

    /**
     * RFC 1939 6 UPDATE: removes the messages in one transaction. The store's EXPUNGE removes only
     * messages flagged \Deleted, so the flag is set first in the same transaction: either every
     * message goes or none does, and IMAP never sees the flag on its own.
     */
    public Removal remove(MaildropSnapshot maildrop, List<Long> uids) {
        UidSet set = UidSet.of(uids);
        ExpungeResult result = transactions.execute(status -> {
            messages.storeFlags(maildrop.mailboxId(), set, FlagChange.add(MessageFlags.of(SystemFlag.DELETED)),
                    OptionalLong.empty());
            return messages.expunge(maildrop.mailboxId(), set);
        });
        return new Removal(maildrop.account().address().key(), maildrop.mailboxId(), maildrop.uidValidity(),
                result.uids(), result.modseq());
    }

    /**
     * Tells every IMAP replica (RFC 9051 7.5.1 EXPUNGE, RFC 7162 3.2.10 VANISHED). The removal is
     * already committed; a replica that misses the event finds the change in the database on its
     * next check, so a failed publish is logged, not reported to the POP3 client.
     */
    public void announce(Removal removal) {
        if (removal.uids().isEmpty()) {
            return;
        }
        try {
            events.publish(MailboxEvent.messages(MailboxEventKind.EXPUNGED, removal.accountKey(), removal.mailboxId(),
                    removal.uidValidity(), removal.uids(), removal.modseq(), replicaId));
        } catch (PublishException e) {
            log.warn("EXPUNGED event for mailbox {} ({} messages) not published: {}", removal.mailboxId(),
                    removal.uids().size(), e.getMessage());
        }
    }
}
