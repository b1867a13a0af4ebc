package org.mailplatform.imap.session;

import java.time.Clock;

import org.mailplatform.auth.Authenticator;
import org.mailplatform.auth.sasl.SaslAuthenticator;
import org.mailplatform.imap.metrics.ImapMetrics;
import org.mailplatform.store.message.MessageIndexer;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.imap.sync.MailboxChanges;
import org.mailplatform.imap.sync.SessionRegistry;
import org.mailplatform.store.account.AccountRepository;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.MessageRepository;

/** What every session shares: settings, the account check, the store, and the change fan-out. */
public record ImapServices(
        ImapSettings settings,
        Authenticator authenticator,
        SaslAuthenticator sasl,
        AccountRepository accounts,
        MailboxRepository mailboxes,
        MessageRepository messages,
        MessageStructures structures,
        MessageIndexer indexer,
        MailboxChanges changes,
        SessionRegistry registry,
        ImapMetrics metrics,
        Clock clock,
        AccountConnections accountConnections) {
}
