package org.mailplatform.store.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.mailplatform.store.account.StorageUsage;
import org.mailplatform.store.message.BodyStore;
import org.mailplatform.store.message.MessageEntries;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.UidSet;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An account's mailboxes: the IMAP CREATE, DELETE, RENAME, LIST, SUBSCRIBE and STATUS data
 * (RFC 9051 §6.3). Names are normalised by {@link MailboxName}; LIST pattern matching is the
 * gateway's.
 */
public final class MailboxRepository {

    private static final String COLUMNS =
            "id, account_id, name, uid_validity, uid_next, highest_modseq, special_use, selectable, "
                    + "EXISTS (SELECT 1 FROM subscriptions s WHERE s.account_id = mailboxes.account_id AND s.name = mailboxes.name)"
                    + " AS subscribed";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UidAllocator allocator;
    private final StorageUsage usage;
    private final MessageEntries entries;
    private final BodyStore bodies;
    private final MessageRepository messages;

    public MailboxRepository(JdbcClient jdbc, TransactionTemplate tx, UidAllocator allocator, StorageUsage usage,
                             MessageEntries entries, BodyStore bodies, MessageRepository messages) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.allocator = allocator;
        this.usage = usage;
        this.entries = entries;
        this.bodies = bodies;
        this.messages = messages;
    }

    public Mailbox create(long accountId, String name) {
        return create(accountId, name, Optional.empty());
    }

    /**
     * RFC 9051 §6.3.4 CREATE (with RFC 6154 §3 CREATE-SPECIAL-USE). Missing superior names are
     * created too; a \Noselect name left by an earlier DELETE becomes selectable again, keeping its
     * UIDVALIDITY (its UIDNEXT never went back, so no UID is reused).
     *
     * @throws AlreadyExistsException when a selectable mailbox has that name
     */
    public Mailbox create(long accountId, String name, Optional<SpecialUse> specialUse) {
        String normalized = MailboxName.normalize(name);
        return tx.execute(status -> {
            usage.lock(accountId);
            requireAccount(accountId);
            createAncestors(accountId, normalized);
            Optional<Mailbox> existing = find(accountId, normalized);
            if (existing.isPresent()) {
                if (existing.get().selectable()) {
                    throw new AlreadyExistsException("mailbox exists: " + normalized);
                }
                return jdbc.sql("UPDATE mailboxes SET selectable = true, special_use = :use WHERE id = :id RETURNING " + COLUMNS)
                        .param("use", specialUse(specialUse))
                        .param("id", existing.get().id())
                        .query(MailboxRepository::map)
                        .single();
            }
            return insert(accountId, normalized, specialUse);
        });
    }

    /** Creates INBOX, Sent, Drafts, Trash, Junk and Archive for a new account, subscribed (inside its transaction). */
    public void createDefaults(long accountId) {
        for (Map.Entry<String, Optional<SpecialUse>> mailbox : DefaultMailboxes.all().entrySet()) {
            insert(accountId, mailbox.getKey(), mailbox.getValue());
            subscribe(accountId, mailbox.getKey());
        }
    }

    /**
     * The account's selectable mailbox with the RFC 6154 attribute {@code use}, whatever the user
     * named it. An account without one gets it on {@code defaultName}: that mailbox is given the
     * attribute when it has none, or created (and subscribed) when missing, so mail filed by
     * special use always has a mailbox a client shows with that attribute.
     */
    public Mailbox findOrCreateSpecialUse(long accountId, SpecialUse use, String defaultName) {
        Optional<Mailbox> existing = findBySpecialUse(accountId, use);
        if (existing.isPresent()) {
            return existing.get();
        }
        String normalized = MailboxName.normalize(defaultName);
        return tx.execute(status -> {
            // The account lock serialises this with CREATE/RENAME/DELETE and with itself.
            usage.lock(accountId);
            requireAccount(accountId);
            Optional<Mailbox> raced = findBySpecialUse(accountId, use);
            if (raced.isPresent()) {
                return raced.get();
            }
            Optional<Mailbox> named = find(accountId, normalized);
            if (named.isPresent() && named.get().selectable()) {
                if (named.get().specialUse().isPresent()) {
                    return named.get();
                }
                return jdbc.sql("UPDATE mailboxes SET special_use = :use WHERE id = :id RETURNING " + COLUMNS)
                        .param("use", specialUse(Optional.of(use)))
                        .param("id", named.get().id())
                        .query(MailboxRepository::map)
                        .single();
            }
            createAncestors(accountId, normalized);
            Mailbox created = named.isPresent()
                    ? jdbc.sql("UPDATE mailboxes SET selectable = true, special_use = :use WHERE id = :id RETURNING " + COLUMNS)
                            .param("use", specialUse(Optional.of(use)))
                            .param("id", named.get().id())
                            .query(MailboxRepository::map)
                            .single()
                    : insert(accountId, normalized, Optional.of(use));
            subscribe(accountId, normalized);
            return findById(created.id()).orElseThrow();
        });
    }

    /** The account's selectable mailbox with the special-use attribute, the oldest if several. */
    public Optional<Mailbox> findBySpecialUse(long accountId, SpecialUse use) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = :account AND special_use = :use"
                        + " AND selectable ORDER BY id LIMIT 1")
                .param("account", accountId)
                .param("use", use.attribute())
                .query(MailboxRepository::map)
                .optional();
    }

    public Optional<Mailbox> find(long accountId, String name) {
        String normalized;
        try {
            normalized = MailboxName.normalize(name);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = :account AND name = :name")
                .param("account", accountId)
                .param("name", normalized)
                .query(MailboxRepository::map)
                .optional();
    }

    public Optional<Mailbox> findById(long mailboxId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailboxes WHERE id = :id")
                .param("id", mailboxId)
                .query(MailboxRepository::map)
                .optional();
    }

    public Mailbox inbox(long accountId) {
        return find(accountId, MailboxName.INBOX)
                .orElseThrow(() -> new NotFoundException("account " + accountId + " has no INBOX"));
    }

    /** The INBOX of each of the accounts that has one, by account id. */
    public Map<Long, Mailbox> inboxes(Collection<Long> accountIds) {
        if (accountIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, Mailbox> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = ANY(:accounts) AND name = :name")
                .param("accounts", accountIds.stream().mapToLong(Long::longValue).distinct().toArray())
                .param("name", MailboxName.INBOX)
                .query(MailboxRepository::map)
                .list()
                .forEach(m -> found.put(m.accountId(), m));
        return found;
    }

    /** Every mailbox of the account (selectable or not), by name. */
    public List<Mailbox> list(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM mailboxes WHERE account_id = :account ORDER BY name COLLATE \"C\"")
                .param("account", accountId)
                .query(MailboxRepository::map)
                .list();
    }

    /**
     * RFC 9051 §6.3.6 RENAME: inferior names move with the mailbox. Renaming INBOX moves its
     * messages into a new mailbox of the new name and leaves INBOX empty.
     *
     * @return the mailbox now under the new name
     */
    public Mailbox rename(long accountId, String from, String to) {
        String source = MailboxName.normalize(from);
        String target = MailboxName.normalize(to);
        return tx.execute(status -> {
            usage.lock(accountId);
            Mailbox mailbox = find(accountId, source)
                    .orElseThrow(() -> new NotFoundException("no mailbox " + source));
            if (find(accountId, target).isPresent()) {
                throw new AlreadyExistsException("mailbox exists: " + target);
            }
            if (MailboxName.isInbox(target) || MailboxName.isInferior(target, source)) {
                throw new OperationNotAllowedException("cannot rename " + source + " to " + target);
            }
            createAncestors(accountId, target);
            if (mailbox.isInbox()) {
                Mailbox created = insert(accountId, target, Optional.empty());
                messages.move(mailbox.id(), UidSet.all(), created.id());
                return findById(created.id()).orElseThrow();
            }
            try {
                jdbc.sql("""
                                UPDATE mailboxes SET name = :target || substr(name, length(:source) + 1)
                                 WHERE account_id = :account
                                   AND (name = :source OR left(name, length(:source) + 1) = :source || '/')
                                """)
                        .param("target", target)
                        .param("source", source)
                        .param("account", accountId)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new AlreadyExistsException("a mailbox below " + target + " exists");
            }
            renameSubscriptions(accountId, source, target);
            return findById(mailbox.id()).orElseThrow();
        });
    }

    /**
     * RFC 3501 §6.3.4 DELETE: a mailbox with inferiors loses its messages and stays as a
     * \Noselect name; one without is removed. INBOX cannot be deleted, nor a \Noselect name that
     * still has inferiors.
     */
    public void delete(long accountId, String name) {
        String normalized = MailboxName.normalize(name);
        if (MailboxName.isInbox(normalized)) {
            throw new OperationNotAllowedException("INBOX cannot be deleted");
        }
        tx.executeWithoutResult(status -> {
            usage.lock(accountId);
            Mailbox mailbox = find(accountId, normalized)
                    .orElseThrow(() -> new NotFoundException("no mailbox " + normalized));
            allocator.lock(mailbox.id());
            boolean hasInferiors = jdbc.sql("""
                            SELECT count(*) FROM mailboxes
                             WHERE account_id = :account AND left(name, length(:name) + 1) = :name || '/'
                            """)
                    .param("account", accountId)
                    .param("name", normalized)
                    .query(Long.class)
                    .single() > 0;
            if (hasInferiors && !mailbox.selectable()) {
                throw new OperationNotAllowedException("mailbox has inferiors and is already \\Noselect: " + normalized);
            }
            MessageEntries.Removed removed = entries.deleteAll(mailbox.id());
            usage.release(accountId, removed.freedBytes());
            if (hasInferiors) {
                jdbc.sql("UPDATE mailboxes SET selectable = false, special_use = NULL WHERE id = :id")
                        .param("id", mailbox.id())
                        .update();
                jdbc.sql("DELETE FROM expunged_messages WHERE mailbox_id = :id").param("id", mailbox.id()).update();
            } else {
                jdbc.sql("DELETE FROM mailboxes WHERE id = :id").param("id", mailbox.id()).update();
            }
            bodies.deleteUnreferenced(removed.bodyIds());
        });
    }

    /**
     * RFC 9051 §6.3.7 SUBSCRIBE: any valid name, whether or not a mailbox has it (RFC 3501 §6.3.6);
     * subscribing twice is no error.
     *
     * @throws IllegalArgumentException when the name cannot be a mailbox name
     */
    public void subscribe(long accountId, String name) {
        jdbc.sql("INSERT INTO subscriptions (account_id, name) VALUES (:account, :name) ON CONFLICT DO NOTHING")
                .param("account", accountId)
                .param("name", MailboxName.normalize(name))
                .update();
    }

    /**
     * RFC 9051 §6.3.8 UNSUBSCRIBE, also of a name whose mailbox is gone.
     *
     * @return whether the name was subscribed
     */
    public boolean unsubscribe(long accountId, String name) {
        String normalized;
        try {
            normalized = MailboxName.normalize(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return jdbc.sql("DELETE FROM subscriptions WHERE account_id = :account AND name = :name")
                .param("account", accountId)
                .param("name", normalized)
                .update() > 0;
    }

    /** The subscribed names, existing or not, in the order of {@link #list}. */
    public List<String> subscriptions(long accountId) {
        return jdbc.sql("SELECT name FROM subscriptions WHERE account_id = :account ORDER BY name COLLATE \"C\"")
                .param("account", accountId)
                .query(String.class)
                .list();
    }

    /** RFC 6154 / RFC 5464 METADATA /private/specialuse: sets or clears the special use. */
    public void setSpecialUse(long accountId, String name, Optional<SpecialUse> specialUse) {
        int updated = jdbc.sql("UPDATE mailboxes SET special_use = :use WHERE account_id = :account AND name = :name AND selectable")
                .param("use", specialUse(specialUse))
                .param("account", accountId)
                .param("name", MailboxName.normalize(name))
                .update();
        if (updated == 0) {
            throw new NotFoundException("no selectable mailbox " + name);
        }
    }

    /** STATUS counters in one query. */
    public MailboxStatus status(long mailboxId) {
        return jdbc.sql("""
                        SELECT mb.id, mb.uid_next, mb.uid_validity, mb.highest_modseq, mb.first_recent_uid,
                               count(m.uid) AS messages,
                               count(m.uid) FILTER (WHERE m.uid >= mb.first_recent_uid) AS recent,
                               count(m.uid) FILTER (WHERE m.flags & 1 = 0) AS unseen,
                               count(m.uid) FILTER (WHERE m.flags & 8 <> 0) AS deleted,
                               coalesce(sum(m.size), 0) AS size
                          FROM mailboxes mb LEFT JOIN messages m ON m.mailbox_id = mb.id
                         WHERE mb.id = :id
                         GROUP BY mb.id
                        """)
                .param("id", mailboxId)
                .query((rs, row) -> new MailboxStatus(rs.getLong("id"), rs.getLong("messages"), rs.getLong("unseen"),
                        rs.getLong("deleted"), rs.getLong("size"), rs.getLong("uid_next"), rs.getLong("uid_validity"),
                        rs.getLong("highest_modseq"), rs.getLong("recent"), rs.getLong("first_recent_uid")))
                .optional()
                .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
    }

    /** The subscriptions of a renamed mailbox and its inferiors follow it, as the mailboxes do. */
    private void renameSubscriptions(long accountId, String source, String target) {
        String moved = "(name = :source OR left(name, length(:source) + 1) = :source || '/')";
        jdbc.sql("INSERT INTO subscriptions (account_id, name)"
                        + " SELECT account_id, :target || substr(name, length(:source) + 1) FROM subscriptions"
                        + " WHERE account_id = :account AND " + moved + " ON CONFLICT DO NOTHING")
                .param("target", target)
                .param("source", source)
                .param("account", accountId)
                .update();
        jdbc.sql("DELETE FROM subscriptions WHERE account_id = :account AND " + moved)
                .param("source", source)
                .param("account", accountId)
                .update();
    }

    /**
     * RFC 3501 2.3.2: claims \Recent for the UIDs below {@code uidLimit} that no session has
     * claimed yet, for the calling session alone, and returns them (empty when another session
     * got there first). The mailbox row is locked as appends lock it, so a message being stored
     * is either below the claimed range's end and committed, or claimed later by someone else.
     */
    public UidSet claimRecent(long mailboxId, long uidLimit) {
        // One statement instead of a transaction of three round trips: the first CTE locks the row and,
        // should a concurrent claim hold it, reads the version that claim committed; the update then
        // moves the watermark only past what was unclaimed.
        long first = jdbc.sql("""
                        WITH old AS (SELECT id, first_recent_uid FROM mailboxes WHERE id = :id FOR NO KEY UPDATE),
                             claim AS (UPDATE mailboxes mb SET first_recent_uid = :limit FROM old
                                        WHERE mb.id = old.id AND old.first_recent_uid < :limit)
                        SELECT first_recent_uid FROM old
                        """)
                .param("limit", uidLimit)
                .param("id", mailboxId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("no mailbox " + mailboxId));
        return first >= uidLimit ? UidSet.empty() : UidSet.range(first, uidLimit - 1);
    }

    private Mailbox insert(long accountId, String name, Optional<SpecialUse> specialUse) {
        try {
            return jdbc.sql("INSERT INTO mailboxes (account_id, name, special_use) VALUES (:account, :name, :use) RETURNING " + COLUMNS)
                    .param("account", accountId)
                    .param("name", name)
                    .param("use", specialUse(specialUse))
                    .query(MailboxRepository::map)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("mailbox exists: " + name);
        }
    }

    private void createAncestors(long accountId, String name) {
        for (String ancestor : MailboxName.ancestors(name)) {
            jdbc.sql("INSERT INTO mailboxes (account_id, name) VALUES (:account, :name) ON CONFLICT DO NOTHING")
                    .param("account", accountId)
                    .param("name", ancestor)
                    .update();
        }
    }

    private void requireAccount(long accountId) {
        boolean exists = jdbc.sql("SELECT count(*) FROM accounts WHERE id = :id")
                .param("id", accountId)
                .query(Long.class)
                .single() > 0;
        if (!exists) {
            throw new NotFoundException("no account " + accountId);
        }
    }

    private static SqlParameterValue specialUse(Optional<SpecialUse> use) {
        return new SqlParameterValue(Types.VARCHAR, use.map(SpecialUse::attribute).orElse(null));
    }

    static Mailbox map(ResultSet rs, int row) throws SQLException {
        String use = rs.getString("special_use");
        return new Mailbox(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                rs.getLong("uid_validity"), rs.getLong("uid_next"), rs.getLong("highest_modseq"),
                use == null ? Optional.empty() : SpecialUse.fromAttribute(use), rs.getBoolean("subscribed"),
                rs.getBoolean("selectable"));
    }
}
