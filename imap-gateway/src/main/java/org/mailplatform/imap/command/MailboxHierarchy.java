package org.mailplatform.imap.command;

import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.mailbox.MailboxName;

/**
 * An account's mailbox names as LIST and LSUB see them: the mailboxes that exist and the names
 * subscribed, which need not exist (RFC 3501 6.3.6), read once per command. Descendants of a name
 * are found by range, so asking about children costs a lookup, not a scan of every mailbox.
 */
final class MailboxHierarchy {

    /** The character after the separator: {@code name + "/"} up to {@code name + "0"} holds all descendants. */
    private static final char AFTER_SEPARATOR = (char) (MailboxName.SEPARATOR + 1);

    private final NavigableMap<String, Mailbox> mailboxes = new TreeMap<>();
    private final NavigableSet<String> subscribed;

    MailboxHierarchy(Collection<Mailbox> mailboxes, Collection<String> subscribed) {
        for (Mailbox mailbox : mailboxes) {
            this.mailboxes.put(mailbox.name(), mailbox);
        }
        this.subscribed = new TreeSet<>(subscribed);
    }

    static MailboxHierarchy of(ImapSession session) {
        var store = session.services().mailboxes();
        return new MailboxHierarchy(store.list(session.accountId()), store.subscriptions(session.accountId()));
    }

    Optional<Mailbox> mailbox(String name) {
        return Optional.ofNullable(mailboxes.get(name));
    }

    boolean subscribed(String name) {
        return subscribed.contains(name);
    }

    NavigableSet<String> existingNames() {
        return mailboxes.navigableKeySet();
    }

    NavigableSet<String> subscribedNames() {
        return subscribed;
    }

    /** Whether a mailbox exists below {@code name} (RFC 5258 4 \HasChildren). */
    boolean hasChildren(String name) {
        return !mailboxes.subMap(name + MailboxName.SEPARATOR, name + AFTER_SEPARATOR).isEmpty();
    }

    /** The names below {@code name}, existing or subscribed, that satisfy {@code test}. */
    List<String> descendants(String name, Predicate<String> test) {
        TreeSet<String> below = new TreeSet<>(mailboxes.subMap(name + MailboxName.SEPARATOR, name + AFTER_SEPARATOR).keySet());
        below.addAll(subscribed.subSet(name + MailboxName.SEPARATOR, name + AFTER_SEPARATOR));
        return below.stream().filter(test).toList();
    }
}
