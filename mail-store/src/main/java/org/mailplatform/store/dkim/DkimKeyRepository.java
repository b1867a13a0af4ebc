package org.mailplatform.store.dkim;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The DKIM signing keys of the local domains that the admin API stored (table {@code dkim_keys}). */
public final class DkimKeyRepository {

    private static final String COLUMNS = "d.name AS domain, k.selector, k.algorithm, k.private_key, k.signs_from, k.created_at";

    private final JdbcClient jdbc;

    public DkimKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @throws NotFoundException      when the domain is not local
     * @throws AlreadyExistsException when the domain has a key under this selector
     */
    public StoredDkimKey add(String domain, String selector, String algorithm, String privateKeyPem, Instant signsFrom) {
        try {
            return jdbc.sql("WITH k AS (INSERT INTO dkim_keys (domain_id, selector, algorithm, private_key, signs_from)"
                            + " SELECT id, :selector, :algorithm, :key, :signsFrom FROM domains WHERE name = :domain"
                            + " RETURNING *) SELECT " + COLUMNS + " FROM k JOIN domains d ON d.id = k.domain_id")
                    .param("domain", domain)
                    .param("selector", selector)
                    .param("algorithm", algorithm)
                    .param("key", privateKeyPem)
                    .param("signsFrom", OffsetDateTime.ofInstant(signsFrom, ZoneOffset.UTC))
                    .query(DkimKeyRepository::map)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("not a local domain: " + domain));
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("domain " + domain + " has a DKIM key with selector " + selector);
        }
    }

    public List<StoredDkimKey> list(String domain) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dkim_keys k JOIN domains d ON d.id = k.domain_id"
                        + " WHERE d.name = :domain ORDER BY k.signs_from, k.selector")
                .param("domain", domain)
                .query(DkimKeyRepository::map)
                .list();
    }

    public List<StoredDkimKey> listAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dkim_keys k JOIN domains d ON d.id = k.domain_id"
                        + " ORDER BY d.name, k.signs_from, k.selector")
                .query(DkimKeyRepository::map)
                .list();
    }

    /** @return false when the domain has no key under this selector */
    public boolean delete(String domain, String selector) {
        return jdbc.sql("DELETE FROM dkim_keys k USING domains d WHERE d.id = k.domain_id AND d.name = :domain"
                        + " AND k.selector = :selector")
                .param("domain", domain)
                .param("selector", selector)
                .update() > 0;
    }

    private static StoredDkimKey map(ResultSet rs, int row) throws SQLException {
        return new StoredDkimKey(rs.getString("domain"), rs.getString("selector"), rs.getString("algorithm"),
                rs.getString("private_key"), rs.getObject("signs_from", OffsetDateTime.class).toInstant(),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
