package org.mailplatform.store.sieve;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.mailplatform.store.OperationNotAllowedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Sieve scripts of accounts (table {@code sieve_scripts}) and the record of vacation replies
 * sent (table {@code sieve_vacation_replies}). Shared by ManageSieve, the admin API and the MDA.
 */
public final class SieveScriptRepository {

    private static final String COLUMNS = "account_id, name, content, active, updated_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public SieveScriptRepository(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    public List<SieveScript> list(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sieve_scripts WHERE account_id = :account ORDER BY name")
                .param("account", accountId)
                .query(SieveScriptRepository::map)
                .list();
    }

    public Optional<SieveScript> find(long accountId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sieve_scripts WHERE account_id = :account AND name = :name")
                .param("account", accountId)
                .param("name", name)
                .query(SieveScriptRepository::map)
                .optional();
    }

    /** The script the MDA runs for this account, if one is active (RFC 5804 2.8). */
    public Optional<SieveScript> findActive(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sieve_scripts WHERE account_id = :account AND active")
                .param("account", accountId)
                .query(SieveScriptRepository::map)
                .optional();
    }

    /** Stores a script under its name, replacing the content of one of the same name (RFC 5804 2.6). */
    public SieveScript put(long accountId, String name, String content) {
        return upsert(accountId, name, content);
    }

    /**
     * Stores a script like {@link #put(long, String, String)} unless it would be a new one beyond
     * {@code maxScripts} (RFC 5804 2.6 QUOTA/MAXSCRIPTS). The account's row is locked while counting,
     * so concurrent uploads of new names, on any replica, are counted one after the other and can
     * never pass the limit together.
     *
     * @throws SieveScriptRejected with {@link SieveScriptRejected.Reason#TOO_MANY}; nothing is stored
     * @throws NotFoundException   when there is no such account
     */
    public SieveScript put(long accountId, String name, String content, int maxScripts) {
        return transactions.execute(status -> {
            if (jdbc.sql("SELECT id FROM accounts WHERE id = :account FOR NO KEY UPDATE")
                    .param("account", accountId)
                    .query(Long.class)
                    .optional()
                    .isEmpty()) {
                throw new NotFoundException("no account " + accountId);
            }
            boolean replaces = jdbc.sql("SELECT count(*) FROM sieve_scripts WHERE account_id = :account AND name = :name")
                    .param("account", accountId)
                    .param("name", name)
                    .query(Long.class)
                    .single() > 0;
            if (!replaces && jdbc.sql("SELECT count(*) FROM sieve_scripts WHERE account_id = :account")
                    .param("account", accountId)
                    .query(Long.class)
                    .single() >= maxScripts) {
                throw new SieveScriptRejected(SieveScriptRejected.Reason.TOO_MANY,
                        "Too many scripts: at most " + maxScripts + " per account");
            }
            return upsert(accountId, name, content);
        });
    }

    private SieveScript upsert(long accountId, String name, String content) {
        return jdbc.sql("INSERT INTO sieve_scripts (account_id, name, content) VALUES (:account, :name, :content)"
                        + " ON CONFLICT (account_id, name) DO UPDATE SET content = EXCLUDED.content, updated_at = now()"
                        + " RETURNING " + COLUMNS)
                .param("account", accountId)
                .param("name", name)
                .param("content", content)
                .query(SieveScriptRepository::map)
                .single();
    }

    /**
     * Makes the named script the active one and every other inactive (RFC 5804 2.8); an empty name
     * deactivates all.
     *
     * @throws NotFoundException when no script has the name
     */
    public void activate(long accountId, String name) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE sieve_scripts SET active = false WHERE account_id = :account AND active")
                    .param("account", accountId)
                    .update();
            if (!name.isEmpty() && jdbc.sql("UPDATE sieve_scripts SET active = true WHERE account_id = :account AND name = :name")
                    .param("account", accountId)
                    .param("name", name)
                    .update() == 0) {
                throw new NotFoundException("no script named " + name);
            }
        });
    }

    /**
     * @throws NotFoundException            when no script has the name
     * @throws AlreadyExistsException       when the new name is taken (RFC 5804 2.11.1)
     */
    public void rename(long accountId, String oldName, String newName) {
        try {
            if (jdbc.sql("UPDATE sieve_scripts SET name = :newName, updated_at = now() WHERE account_id = :account AND name = :oldName")
                    .param("account", accountId)
                    .param("oldName", oldName)
                    .param("newName", newName)
                    .update() == 0) {
                throw new NotFoundException("no script named " + oldName);
            }
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("a script is already named " + newName);
        }
    }

    /**
     * @throws NotFoundException             when no script has the name
     * @throws OperationNotAllowedException  for the active script (RFC 5804 2.10)
     */
    public void delete(long accountId, String name) {
        transactions.executeWithoutResult(status -> {
            Optional<SieveScript> script = jdbc.sql("SELECT " + COLUMNS + " FROM sieve_scripts"
                            + " WHERE account_id = :account AND name = :name FOR UPDATE")
                    .param("account", accountId)
                    .param("name", name)
                    .query(SieveScriptRepository::map)
                    .optional();
            if (script.isEmpty()) {
                throw new NotFoundException("no script named " + name);
            }
            if (script.get().active()) {
                throw new OperationNotAllowedException("the active script cannot be deleted");
            }
            jdbc.sql("DELETE FROM sieve_scripts WHERE account_id = :account AND name = :name")
                    .param("account", accountId)
                    .param("name", name)
                    .update();
        });
    }

    /**
     * Records that a vacation reply to this sender is due now, unless one was sent within the
     * period (RFC 5230 4.2). Atomic, so two replicas delivering at once send one reply.
     *
     * @return true when the caller sends the reply
     */
    public boolean claimVacationReply(long accountId, String handle, String sender, Duration period) {
        return jdbc.sql("INSERT INTO sieve_vacation_replies (account_id, handle, sender, expires_at)"
                        + " VALUES (:account, :handle, :sender, now() + make_interval(secs => :seconds))"
                        + " ON CONFLICT (account_id, handle, sender) DO UPDATE"
                        + " SET replied_at = now(), expires_at = EXCLUDED.expires_at"
                        + " WHERE sieve_vacation_replies.expires_at <= now()")
                .param("account", accountId)
                .param("handle", handle)
                .param("sender", sender)
                .param("seconds", (double) period.toSeconds())
                .update() > 0;
    }

    /** Drops vacation records whose period is over; returns how many. */
    public int purgeExpiredVacationReplies() {
        return jdbc.sql("DELETE FROM sieve_vacation_replies WHERE expires_at <= now()").update();
    }

    private static SieveScript map(ResultSet rs, int row) throws SQLException {
        return new SieveScript(rs.getLong("account_id"), rs.getString("name"), rs.getString("content"),
                rs.getBoolean("active"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
