package org.mailplatform.store.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;

import org.mailplatform.store.AlreadyExistsException;
import org.mailplatform.store.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aliases of local domains. One source may have many targets (one row each); {@code @domain} as
 * the source is the domain's catch-all. Sub-addresses ({@code user+tag}) are not stored: the
 * {@link RecipientResolver} strips the tag.
 */
public final class AliasRepository {

    private static final String SELECT = """
            SELECT al.id, d.name AS domain, al.local_part, al.target
              FROM aliases al JOIN domains d ON d.id = al.domain_id
            """;

    private final JdbcClient jdbc;

    public AliasRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds {@code source} → {@code target}.
     *
     * @param source {@code local@domain}, or {@code @domain} for the catch-all
     * @throws NotFoundException      when the source's domain is not local
     * @throws AlreadyExistsException when that source already points at that target
     */
    public Alias add(String source, String target) {
        Source parsed = Source.parse(source);
        EmailAddress to = EmailAddress.of(target);
        long domainId = jdbc.sql("SELECT id FROM domains WHERE name = :name")
                .param("name", parsed.domain())
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("not a local domain: " + parsed.domain()));
        try {
            long id = jdbc.sql("INSERT INTO aliases (domain_id, local_part, target) VALUES (:domain, :local, :target) RETURNING id")
                    .param("domain", domainId)
                    .param("local", new SqlParameterValue(Types.VARCHAR, parsed.localPart().orElse(null)))
                    .param("target", to.toString())
                    .query(Long.class)
                    .single();
            return new Alias(id, parsed.domain(), parsed.localPart(), to);
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("alias exists: " + source + " -> " + target);
        }
    }

    /** Removes one source → target pair; false when there was none. */
    public boolean remove(String source, String target) {
        Source parsed = Source.parse(source);
        EmailAddress to = EmailAddress.of(target);
        return jdbc.sql("""
                        DELETE FROM aliases al USING domains d
                         WHERE d.id = al.domain_id AND d.name = :domain
                           AND coalesce(lower(al.local_part), '') = lower(:local)
                           AND lower(al.target) = lower(:target)
                        """)
                .param("domain", parsed.domain())
                .param("local", parsed.localPart().orElse(""))
                .param("target", to.toString())
                .update() > 0;
    }

    /** Every alias of a domain, catch-all first. */
    public List<Alias> list(String domain) {
        return DomainName.normalize(domain)
                .map(name -> jdbc.sql(SELECT + " WHERE d.name = :domain ORDER BY al.local_part NULLS FIRST, al.target")
                        .param("domain", name)
                        .query(AliasRepository::map)
                        .list())
                .orElse(List.of());
    }

    /** The targets of exactly this source address (case-insensitive), without catch-all. */
    public List<EmailAddress> targets(EmailAddress source) {
        return jdbc.sql(SELECT + " WHERE d.name = :domain AND lower(al.local_part) = lower(:local) ORDER BY al.id")
                .param("domain", source.domain())
                .param("local", source.localPart())
                .query(AliasRepository::map)
                .list()
                .stream()
                .map(Alias::target)
                .toList();
    }

    /** The domain's catch-all targets. */
    public List<EmailAddress> catchAllTargets(String domain) {
        return jdbc.sql(SELECT + " WHERE d.name = :domain AND al.local_part IS NULL ORDER BY al.id")
                .param("domain", DomainName.require(domain))
                .query(AliasRepository::map)
                .list()
                .stream()
                .map(Alias::target)
                .toList();
    }

    private static Alias map(ResultSet rs, int row) throws SQLException {
        return new Alias(rs.getLong("id"), rs.getString("domain"), Optional.ofNullable(rs.getString("local_part")),
                EmailAddress.of(rs.getString("target")));
    }

    private record Source(Optional<String> localPart, String domain) {
        static Source parse(String text) {
            if (text != null && text.strip().startsWith("@")) {
                return new Source(Optional.empty(), DomainName.require(text.strip().substring(1)));
            }
            EmailAddress address = EmailAddress.of(text);
            return new Source(Optional.of(address.localPart()), address.domain());
        }
    }
}
