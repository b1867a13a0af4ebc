package org.mailplatform.store.trace;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code message_events} table: batched inserts, the three lookups of the trace API, and the
 * purge by age. A lookup returns every event of each message it finds, ordered by message and time,
 * at most {@code limit} rows.
 */
public final class MessageEventRepository {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {
    };
    private static final String SELECT = """
            SELECT queue_id, message_id, recipient, kind, at, service, detail::text AS detail
              FROM message_events
             WHERE queue_id IN (%s)
             ORDER BY queue_id, at, id
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    public MessageEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the events in one multi-row statement. */
    public void insert(List<MessageEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        String[] queueIds = new String[events.size()];
        String[] messageIds = new String[events.size()];
        String[] recipients = new String[events.size()];
        String[] kinds = new String[events.size()];
        String[] ats = new String[events.size()];
        String[] services = new String[events.size()];
        String[] details = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            MessageEvent e = events.get(i);
            queueIds[i] = e.queueId();
            messageIds[i] = e.messageId();
            recipients[i] = e.recipient();
            kinds[i] = e.kind().label();
            ats[i] = e.at().toString();
            services[i] = e.service();
            details[i] = JSON.writeValueAsString(e.detail());
        }
        jdbc.sql("""
                        INSERT INTO message_events (queue_id, message_id, recipient, kind, at, service, detail)
                        SELECT q, m, r, k, a, s, d::jsonb
                          FROM unnest(:queueIds::text[], :messageIds::text[], :recipients::text[], :kinds::text[],
                                      :ats::timestamptz[], :services::text[], :details::text[]) AS t(q, m, r, k, a, s, d)
                        """)
                .param("queueIds", queueIds)
                .param("messageIds", messageIds)
                .param("recipients", recipients)
                .param("kinds", kinds)
                .param("ats", ats)
                .param("services", services)
                .param("details", details)
                .update();
    }

    public List<MessageEvent> byQueueId(String queueId, int limit) {
        return jdbc.sql(SELECT.formatted(":queueId"))
                .param("queueId", queueId)
                .param("limit", limit)
                .query(MessageEventRepository::map)
                .list();
    }

    /** @param messageId with or without its angle brackets (RFC 5322 3.6.4) */
    public List<MessageEvent> byMessageId(String messageId, int limit) {
        return jdbc.sql(SELECT.formatted("SELECT queue_id FROM message_events WHERE message_id = :messageId"))
                .param("messageId", MessageEvent.bracketed(messageId))
                .param("limit", limit)
                .query(MessageEventRepository::map)
                .list();
    }

    /** Messages with an event for this recipient (case-insensitive) between {@code since} and {@code until}. */
    public List<MessageEvent> byRecipient(String recipient, Instant since, Instant until, int limit) {
        return jdbc.sql(SELECT.formatted("""
                        SELECT queue_id FROM message_events
                         WHERE lower(recipient) = :recipient AND at >= :since AND at < :until"""))
                .param("recipient", recipient.strip().toLowerCase(Locale.ROOT))
                .param("since", at(since))
                .param("until", at(until))
                .param("limit", limit)
                .query(MessageEventRepository::map)
                .list();
    }

    /**
     * Deletes at most {@code batch} events older than {@code before}; returns how many. Rows another
     * replica is deleting at the same moment are skipped, not waited for, so replicas purging together
     * neither block each other nor delete twice.
     */
    public int deleteOlderThan(Instant before, int batch) {
        return jdbc.sql("""
                        DELETE FROM message_events WHERE id IN (
                            SELECT id FROM message_events WHERE at < :before LIMIT :batch FOR UPDATE SKIP LOCKED)
                        """)
                .param("before", at(before))
                .param("batch", batch)
                .update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static MessageEvent map(ResultSet rs, int row) throws SQLException {
        return new MessageEvent(rs.getString("queue_id"), rs.getString("message_id"), rs.getString("recipient"),
                MessageEventKind.ofLabel(rs.getString("kind")), rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("service"), JSON.readValue(rs.getString("detail"), DETAIL));
    }
}
