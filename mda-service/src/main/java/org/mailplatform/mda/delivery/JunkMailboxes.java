package org.mailplatform.mda.delivery;

import java.util.Optional;

import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.mailbox.SpecialUse;

/**
 * Where a message the MTA judged junk goes for one account: the mailbox with the RFC 6154
 * {@code \Junk} attribute, whatever the user named it, or a new {@value #DEFAULT_NAME} with that
 * attribute when the account has none.
 */
public final class JunkMailboxes {

    /** The name a missing junk mailbox is created under, as in the account defaults. */
    public static final String DEFAULT_NAME = "Junk";

    private final MailboxRepository mailboxes;

    public JunkMailboxes(MailboxRepository mailboxes) {
        this.mailboxes = mailboxes;
    }

    /** The junk mailbox's name, or empty (INBOX) when the account vanished meanwhile. */
    public Optional<String> nameFor(long accountId) {
        try {
            return Optional.of(mailboxes.findOrCreateSpecialUse(accountId, SpecialUse.JUNK, DEFAULT_NAME).name());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }
}
