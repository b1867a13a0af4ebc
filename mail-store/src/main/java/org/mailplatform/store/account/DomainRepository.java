package org.mailplatform.store.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.OperationNotAllowedException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The local domains: mail for them is delivered here, mail for any other domain is relayed. */
public final class DomainRepository {

    private final JdbcClient jdbc;

    public DomainRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a local domain; its name is normalised ({@link DomainName}). */
    public Domain create(String name) {
        String normalized = DomainName.require(name);
        try {
            return jdbc.sql("INSERT INTO domains (name) VALUES (:name) RETURNING id, name, created_at")
                    .param("name", normalized)
                    .query(DomainRepository::map)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("domain exists: " + normalized);
        }
    }

    public Optional<Domain> find(String name) {
        Optional<String> normalized = DomainName.normalize(name);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT id, name, created_at FROM domains WHERE name = :name")
                .param("name", normalized.get())
                .query(DomainRepository::map)
                .optional();
    }

    /** Whether mail for this domain is ours to deliver (RFC 5321 2.3.5: case-insensitive). */
    public boolean isLocal(String name) {
        return find(name).isPresent();
    }

    public List<Domain> list() {
        return jdbc.sql("SELECT id, name, created_at FROM domains ORDER BY name")
                .query(DomainRepository::map)
                .list();
    }

    /**
     * Removes a domain and its aliases. Refused while accounts remain in it, so no mailbox is
     * ever lost as a side effect.
     *
     * @return false when there was no such domain
     */
    public boolean delete(String name) {
        Optional<String> normalized = DomainName.normalize(name);
        if (normalized.isEmpty()) {
            return false;
        }
        try {
            return jdbc.sql("DELETE FROM domains WHERE name = :name")
                    .param("name", normalized.get())
                    .update() > 0;
        } catch (DataIntegrityViolationException e) {
            throw new OperationNotAllowedException("domain still has accounts: " + normalized.get());
        }
    }

    static Domain map(ResultSet rs, int row) throws SQLException {
        return new Domain(rs.getLong("id"), rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
