package org.mailplatform.reliability;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What the mailboxes hold, read straight from PostgreSQL: how many copies of each Message-ID
 * each account has, and how many DSNs each account got about each original Message-ID (a DSN
 * quotes the original's header section, RFC 3464 2 and RFC 3461 4.3).
 */
final class MailboxCensus {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:[ \\t]*(?:\\r?\\n[ \\t]+)?(<[^>\\r\\n]+>)");
    private static final Pattern DSN_TYPE = Pattern.compile("(?i)report-type=\"?delivery-status");

    /** address → Message-ID → copies. */
    private final Map<String, Map<String, Integer>> copies = new HashMap<>();
    /** address → original Message-ID → DSNs. */
    private final Map<String, Map<String, Integer>> dsns = new HashMap<>();

    private MailboxCensus() {
    }

    static MailboxCensus take(DataSource dataSource) {
        MailboxCensus census = new MailboxCensus();
        String sql = """
                SELECT lower(a.local_part) || '@' || d.name, b.content
                  FROM messages m
                  JOIN mailboxes mb ON mb.id = m.mailbox_id
                  JOIN accounts a ON a.id = mb.account_id
                  JOIN domains d ON d.id = a.domain_id
                  JOIN message_bodies b ON b.id = m.body_id
                """;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setFetchSize(500);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        census.add(rs.getString(1), new String(rs.getBytes(2), StandardCharsets.ISO_8859_1));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the mailboxes", e);
        }
        return census;
    }

    private void add(String address, String message) {
        int headerEnd = message.indexOf("\r\n\r\n");
        String header = headerEnd < 0 ? message : message.substring(0, headerEnd + 2);
        Matcher own = MESSAGE_ID.matcher(header);
        if (own.find()) {
            copies.computeIfAbsent(address, k -> new HashMap<>()).merge(own.group(1), 1, Integer::sum);
        }
        if (headerEnd >= 0 && DSN_TYPE.matcher(header).find()) {
            Matcher quoted = MESSAGE_ID.matcher(message.substring(headerEnd));
            while (quoted.find()) {
                dsns.computeIfAbsent(address, k -> new HashMap<>()).merge(quoted.group(1), 1, Integer::sum);
            }
        }
    }

    int copies(String address, String messageId) {
        return copies.getOrDefault(address, Map.of()).getOrDefault(messageId, 0);
    }

    int dsns(String address, String originalMessageId) {
        return dsns.getOrDefault(address, Map.of()).getOrDefault(originalMessageId, 0);
    }
}
