package org.mailplatform.store.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.mailbox.MailboxRepository;
import org.mailplatform.store.message.BodyStore;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mail accounts. The store only ever sees password hashes (mail-auth makes them); a value that
 * does not look like one is refused here and by a database constraint.
 */
public final class AccountRepository {

    /** Modular crypt forms accepted: Argon2 (what we write) and bcrypt (what may be imported). */
    private static final Pattern HASH_FORM = Pattern.compile("^\\$(argon2(id|i|d)|2[aby]?)\\$.+");

    private static final String SELECT = """
            SELECT a.id, a.domain_id, a.local_part, d.name AS domain, a.password_hash, a.quota_bytes,
                   a.used_bytes, a.disabled, a.created_at
              FROM accounts a JOIN domains d ON d.id = a.domain_id
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final MailboxRepository mailboxes;
    private final BodyStore bodies;

    public AccountRepository(JdbcClient jdbc, TransactionTemplate tx, MailboxRepository mailboxes, BodyStore bodies) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mailboxes = mailboxes;
        this.bodies = bodies;
    }

    /**
     * Creates the account and its default mailboxes in one transaction.
     *
     * @param quotaBytes {@link Account#UNLIMITED} for no quota
     * @throws NotFoundException      when the domain is not a local domain
     * @throws AlreadyExistsException when the address (in any case) already has an account
     */
    public Account create(EmailAddress address, String passwordHash, long quotaBytes) {
        requireHash(passwordHash);
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("negative quota");
        }
        return tx.execute(status -> {
            long domainId = jdbc.sql("SELECT id FROM domains WHERE name = :name")
                    .param("name", address.domain())
                    .query(Long.class)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("not a local domain: " + address.domain()));
            long id;
            try {
                id = jdbc.sql("""
                                INSERT INTO accounts (domain_id, local_part, password_hash, quota_bytes)
                                VALUES (:domain, :local, :hash, :quota) RETURNING id
                                """)
                        .param("domain", domainId)
                        .param("local", address.localPart())
                        .param("hash", passwordHash)
                        .param("quota", quotaBytes)
                        .query(Long.class)
                        .single();
            } catch (DuplicateKeyException e) {
                throw new AlreadyExistsException("account exists: " + address);
            }
            mailboxes.createDefaults(id);
            return findById(id).orElseThrow();
        });
    }

    /** Case-insensitive lookup by full address; empty for anything that is not an account's address. */
    public Optional<Account> findByAddress(String address) {
        return EmailAddress.parse(address).flatMap(this::findByAddress);
    }

    public Optional<Account> findByAddress(EmailAddress address) {
        return jdbc.sql(SELECT + " WHERE d.name = :domain AND lower(a.local_part) = lower(:local)")
                .param("domain", address.domain())
                .param("local", address.localPart())
                .query(AccountRepository::map)
                .optional();
    }

    public Optional<Account> findById(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = :id")
                .param("id", id)
                .query(AccountRepository::map)
                .optional();
    }

    /** The accounts among {@code ids} that exist, by id. */
    public Map<Long, Account> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Account> found = new HashMap<>();
        jdbc.sql(SELECT + " WHERE a.id = ANY(:ids)")
                .param("ids", ids.stream().mapToLong(Long::longValue).distinct().toArray())
                .query(AccountRepository::map)
                .list()
                .forEach(a -> found.put(a.id(), a));
        return found;
    }

    /** The accounts of one domain, by local part. */
    public List<Account> list(String domain) {
        return DomainName.normalize(domain)
                .map(name -> jdbc.sql(SELECT + " WHERE d.name = :domain ORDER BY lower(a.local_part)")
                        .param("domain", name)
                        .query(AccountRepository::map)
                        .list())
                .orElse(List.of());
    }

    public void updatePasswordHash(long id, String passwordHash) {
        requireHash(passwordHash);
        requireUpdated(jdbc.sql("UPDATE accounts SET password_hash = :hash WHERE id = :id")
                .param("hash", passwordHash)
                .param("id", id)
                .update(), id);
    }

    /** A disabled account cannot log in; whether mail to it is delivered is {@link DisabledAccounts}. */
    public void setDisabled(long id, boolean disabled) {
        requireUpdated(jdbc.sql("UPDATE accounts SET disabled = :disabled WHERE id = :id")
                .param("disabled", disabled)
                .param("id", id)
                .update(), id);
    }

    /** Sets the quota; existing mail is kept even when it is already above the new limit. */
    public void setQuota(long id, long quotaBytes) {
        if (quotaBytes < 0) {
            throw new IllegalArgumentException("negative quota");
        }
        requireUpdated(jdbc.sql("UPDATE accounts SET quota_bytes = :quota WHERE id = :id")
                .param("quota", quotaBytes)
                .param("id", id)
                .update(), id);
    }

    /** Recounts used bytes from the messages (repairs drift after manual changes). */
    public long recalculateUsedBytes(long id) {
        return jdbc.sql("""
                        UPDATE accounts a SET used_bytes = (
                            SELECT coalesce(sum(m.size), 0) FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
                             WHERE mb.account_id = a.id)
                         WHERE a.id = :id RETURNING used_bytes
                        """)
                .param("id", id)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("no account " + id));
    }

    /**
     * Deletes the account with all its mailboxes and messages, and the bodies no other mailbox
     * shares.
     *
     * @return false when there was no such account
     */
    public boolean delete(long id) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            List<Long> bodyIds = jdbc.sql("""
                            SELECT DISTINCT m.body_id FROM messages m JOIN mailboxes mb ON mb.id = m.mailbox_id
                             WHERE mb.account_id = :id
                            """)
                    .param("id", id)
                    .query(Long.class)
                    .list();
            boolean deleted = jdbc.sql("DELETE FROM accounts WHERE id = :id").param("id", id).update() > 0;
            bodies.deleteUnreferenced(bodyIds);
            return deleted;
        }));
    }

    private static void requireHash(String passwordHash) {
        // The value is never put in the message: it might be a password passed by mistake.
        if (passwordHash == null || !HASH_FORM.matcher(passwordHash).matches()) {
            throw new IllegalArgumentException("not a password hash");
        }
    }

    private static void requireUpdated(int updated, long id) {
        if (updated == 0) {
            throw new NotFoundException("no account " + id);
        }
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getLong("id"), rs.getLong("domain_id"),
                new EmailAddress(rs.getString("local_part"), rs.getString("domain")),
                rs.getString("password_hash"), rs.getLong("quota_bytes"), rs.getLong("used_bytes"),
                rs.getBoolean("disabled"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
