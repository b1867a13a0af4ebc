package org.mailplatform.store.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.mailplatform.store.AlreadyExistsException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The login secrets kept beside an account's password hash: its SCRAM verifier
 * ({@code account_scram}) and its app passwords ({@code app_passwords}). Holds only derived values,
 * never a password or an app password's secret; mail-auth derives and checks them.
 */
public final class LoginSecretRepository {

    /** A SCRAM verifier row (RFC 5802 3: StoredKey and ServerKey from the salted password). */
    public record ScramRow(byte[] salt, int iterations, byte[] storedKey, byte[] serverKey) {
    }

    /**
     * An app password row.
     *
     * @param protocols empty: any protocol
     */
    public record AppPasswordRow(long id, long accountId, String name, byte[] salt, byte[] secretHash,
                                 Set<String> protocols, Instant createdAt, Optional<Instant> lastUsed) {
    }

    /** What a login checks besides the password hash, read together. */
    public record Secrets(Optional<ScramRow> scram, List<AppPasswordRow> appPasswords) {
    }

    private final JdbcClient jdbc;

    public LoginSecretRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account's verifier and its app passwords (by name), in one query: every login reads both. */
    public Secrets secrets(long accountId) {
        ScramRow[] scram = new ScramRow[1];
        List<AppPasswordRow> apps = new ArrayList<>();
        jdbc.sql("""
                        SELECT s.salt AS scram_salt, s.iterations, s.stored_key, s.server_key,
                               p.id, p.account_id, p.name, p.salt, p.secret_hash, p.protocols, p.created_at, p.last_used
                          FROM (SELECT CAST(:id AS bigint) AS account_id) k
                          LEFT JOIN account_scram s ON s.account_id = k.account_id
                          LEFT JOIN app_passwords p ON p.account_id = k.account_id
                         ORDER BY p.name
                        """)
                .param("id", accountId)
                .query((RowCallbackHandler) rs -> {
                    byte[] salt = rs.getBytes("scram_salt");
                    if (salt != null && scram[0] == null) {
                        scram[0] = new ScramRow(salt, rs.getInt("iterations"), rs.getBytes("stored_key"),
                                rs.getBytes("server_key"));
                    }
                    rs.getLong("id");
                    if (!rs.wasNull()) {
                        apps.add(mapAppPassword(rs, 0));
                    }
                });
        return new Secrets(Optional.ofNullable(scram[0]), List.copyOf(apps));
    }

    public Optional<ScramRow> findScram(long accountId) {
        return jdbc.sql("SELECT salt, iterations, stored_key, server_key FROM account_scram WHERE account_id = :id")
                .param("id", accountId)
                .query((rs, n) -> new ScramRow(rs.getBytes(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)))
                .optional();
    }

    /** Replaces the account's verifier. */
    public void saveScram(long accountId, ScramRow row) {
        jdbc.sql("""
                        INSERT INTO account_scram (account_id, salt, iterations, stored_key, server_key)
                        VALUES (:id, :salt, :iterations, :stored, :server)
                        ON CONFLICT (account_id) DO UPDATE SET salt = excluded.salt, iterations = excluded.iterations,
                            stored_key = excluded.stored_key, server_key = excluded.server_key, updated_at = now()
                        """)
                .param("id", accountId)
                .param("salt", row.salt())
                .param("iterations", row.iterations())
                .param("stored", row.storedKey())
                .param("server", row.serverKey())
                .update();
    }

    /** Drops the verifier, as when a password hash is set from outside (an imported hash) and none can be derived. */
    public void deleteScram(long accountId) {
        jdbc.sql("DELETE FROM account_scram WHERE account_id = :id").param("id", accountId).update();
    }

    public List<AppPasswordRow> appPasswords(long accountId) {
        return jdbc.sql("""
                        SELECT id, account_id, name, salt, secret_hash, protocols, created_at, last_used
                        FROM app_passwords WHERE account_id = :id ORDER BY name
                        """)
                .param("id", accountId)
                .query(LoginSecretRepository::mapAppPassword)
                .list();
    }

    /** @throws AlreadyExistsException when the account has an app password of that name */
    public AppPasswordRow addAppPassword(long accountId, String name, byte[] salt, byte[] secretHash, Set<String> protocols) {
        try {
            return jdbc.sql("""
                            INSERT INTO app_passwords (account_id, name, salt, secret_hash, protocols)
                            VALUES (:account, :name, :salt, :hash, :protocols)
                            RETURNING id, account_id, name, salt, secret_hash, protocols, created_at, last_used
                            """)
                    .param("account", accountId)
                    .param("name", name)
                    .param("salt", salt)
                    .param("hash", secretHash)
                    .param("protocols", new TreeSet<>(protocols).toArray(String[]::new))
                    .query(LoginSecretRepository::mapAppPassword)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("app password exists: " + name);
        }
    }

    /** False when the account has none of that name. */
    public boolean revokeAppPassword(long accountId, String name) {
        return jdbc.sql("DELETE FROM app_passwords WHERE account_id = :account AND name = :name")
                .param("account", accountId)
                .param("name", name)
                .update() > 0;
    }

    public void markAppPasswordUsed(long id, Instant when) {
        jdbc.sql("UPDATE app_passwords SET last_used = :when WHERE id = :id")
                .param("id", id)
                .param("when", Timestamp.from(when))
                .update();
    }

    private static AppPasswordRow mapAppPassword(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("protocols");
        String[] protocols = array == null ? new String[0] : (String[]) array.getArray();
        Timestamp lastUsed = rs.getTimestamp("last_used");
        return new AppPasswordRow(rs.getLong("id"), rs.getLong("account_id"), rs.getString("name"),
                rs.getBytes("salt"), rs.getBytes("secret_hash"), Set.copyOf(Arrays.asList(protocols)),
                rs.getTimestamp("created_at").toInstant(), Optional.ofNullable(lastUsed).map(Timestamp::toInstant));
    }
}
