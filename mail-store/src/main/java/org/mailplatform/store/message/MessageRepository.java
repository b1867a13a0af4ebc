package org.mailplatform.store.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.mailplatform.store.QuotaExceededException;
import org.mailplatform.store.account.StorageUsage;
import org.mailplatform.store.mailbox.UidAllocator;
import org.mailplatform.store.mailbox.UidAllocator.Allocation;
import org.mailplatform.store.mailbox.UidAllocator.Counters;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messages of a mailbox as IMAP and POP3 see them: UIDs, flags, MODSEQs and content.
 * Every operation on a set of messages is a fixed number of statements, whatever the set's size.
 */
public final class MessageRepository {

    /** Bodies up to this size come back with the content lookup instead of a second query. */
    public static final int INLINE_BODY_LIMIT = 256 * 1024;

    /** The most of a body {@link #headerSections} reads for one message. */
    public static final int MAX_HEADER_SECTION = 64 * 1024;

    /*
     * Where the body's header ends, from the parser's stored document (the root part's bodyStart,
     * RFC 5322 2.1: just past the empty line); null for a document of another format or none.
     */
    private static final String STORED_HEADER_END = "CASE WHEN b.body_structure @> '{\"version\": 1}'"
            + " AND jsonb_typeof(b.body_structure #> '{message,body,bodyStart}') = 'number'"
            + " THEN (b.body_structure #>> '{message,body,bodyStart}')::numeric END";

    private static final String RANGES = "unnest(CAST(:lows AS bigint[]), CAST(:highs AS bigint[])) AS r(lo, hi)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final UidAllocator allocator;
    private final StorageUsage usage;
    private final BodyStore bodies;
    private final MessageEntries entries;
    private final KeywordGuard keywords;

    public MessageRepository(JdbcClient jdbc, TransactionTemplate tx, UidAllocator allocator,
                             StorageUsage usage, BodyStore bodies, MessageEntries entries, KeywordLimits keywordLimits) {
        this.keywords = new KeywordGuard(jdbc, keywordLimits);
        this.jdbc = jdbc;
        this.tx = tx;
        this.allocator = allocator;
        this.usage = usage;
        this.bodies = bodies;
        this.entries = entries;
    }

    /**
     * IMAP APPEND (RFC 9051 §6.3.12): stores a new message at the end of a mailbox.
     *
     * @throws QuotaExceededException when the account has no room for it
     * @throws org.mailplatform.store.LimitExceededException when its keywords would pass the {@link KeywordLimits}
     * @throws org.mailplatform.store.NotFoundException when the mailbox is gone or \Noselect
     */
    public AppendResult append(long mailboxId, IncomingMessage message, MessageFlags flags, Instant internalDate) {
        long size = message.content().length;
        return tx.execute(status -> {
            long accountId = allocator.ownerOf(mailboxId);
            if (!usage.reserve(accountId, size)) {
                throw new QuotaExceededException("mailbox full");
            }
            long bodyId = bodies.insert(message);
            Allocation a = allocator.allocate(mailboxId, 1);
            keywords.check(mailboxId, flags.keywords());
            entries.insert(mailboxId, a.firstUid(), bodyId, new byte[0], size, a.modseq(), flags, internalDate);
            return new AppendResult(mailboxId, a.uidValidity(), a.firstUid(), a.modseq(), size);
        });
    }

    /**
     * IMAP MULTIAPPEND (RFC 3502): stores the messages at the end of a mailbox in one transaction,
     * with consecutive UIDs in the order given, or none of them (RFC 3502 3: if one message cannot
     * be appended, none is).
     *
     * @return one result per message, in order
     * @throws QuotaExceededException when the account has no room for all of them
     * @throws org.mailplatform.store.LimitExceededException when their keywords together would pass the
     *         {@link KeywordLimits}
     * @throws org.mailplatform.store.NotFoundException when the mailbox is gone or \Noselect
     */
    public List<AppendResult> appendAll(long mailboxId, List<MessageToAppend> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        long total = messages.stream().mapToLong(m -> m.message().content().length).sum();
        return tx.execute(status -> {
            long accountId = allocator.ownerOf(mailboxId);
            if (!usage.reserve(accountId, total)) {
                throw new QuotaExceededException("mailbox full");
            }
            long[] bodyIds = new long[messages.size()];
            for (int i = 0; i < bodyIds.length; i++) {
                bodyIds[i] = bodies.insert(messages.get(i).message());
            }
            Allocation a = allocator.allocate(mailboxId, messages.size());
            Set<String> newKeywords = new LinkedHashSet<>();
            messages.forEach(m -> newKeywords.addAll(m.flags().keywords()));
            keywords.check(mailboxId, newKeywords);
            List<AppendResult> results = new ArrayList<>(messages.size());
            for (int i = 0; i < bodyIds.length; i++) {
                MessageToAppend m = messages.get(i);
                long size = m.message().content().length;
                entries.insert(mailboxId, a.firstUid() + i, bodyIds[i], new byte[0], size, a.modseq(), m.flags(),
                        m.internalDate());
                results.add(new AppendResult(mailboxId, a.uidValidity(), a.firstUid() + i, a.modseq(), size));
            }
            return List.copyOf(results);
        });
    }

    /** All UIDs of a mailbox, ascending: the gateway's sequence-number map (message n = element n-1). */
    public long[] uids(long mailboxId) {
        return jdbc.sql("SELECT uid FROM messages WHERE mailbox_id = :mailbox ORDER BY uid")
                .param("mailbox", mailboxId)
                .query(Long.class)
                .list()
                .stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    /**
     * The account's mailbox {@code normalizedName} with the UID and size of each message, in one
     * query; empty when the account has no such mailbox.
     */
    public Optional<MailboxListing> listing(long accountId, String normalizedName) {
        long[] mailbox = {-1, 0};
        List<long[]> rows = new ArrayList<>();
        jdbc.sql("SELECT mb.id, mb.uid_validity, m.uid, m.size FROM mailboxes mb"
                        + " LEFT JOIN messages m ON m.mailbox_id = mb.id"
                        + " WHERE mb.account_id = :account AND mb.name = :name ORDER BY m.uid")
                .param("account", accountId)
                .param("name", normalizedName)
                .query((RowCallbackHandler) rs -> {
                    mailbox[0] = rs.getLong(1);
                    mailbox[1] = rs.getLong(2);
                    long uid = rs.getLong(3);
                    if (!rs.wasNull()) {
                        rows.add(new long[] {uid, rs.getLong(4)});
                    }
                });
        if (mailbox[0] < 0) {
            return Optional.empty();
        }
        long[] uids = new long[rows.size()];
        long[] sizes = new long[rows.size()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = rows.get(i)[0];
            sizes[i] = rows.get(i)[1];
        }
        return Optional.of(new MailboxListing(mailbox[0], mailbox[1], uids, sizes));
    }

    /** FETCH metadata of the messages in {@code uids}, ascending, in one query. */
    public List<MessageSummary> summaries(long mailboxId, UidSet uids, boolean withStructure) {
        return changedSince(mailboxId, uids, 0, withStructure);
    }

    /**
     * RFC 7162 3.1.4.1 FETCH CHANGEDSINCE: messages in {@code uids} whose MODSEQ exceeds
     * {@code modseq}.
     */
    public List<MessageSummary> changedSince(long mailboxId, UidSet uids, long modseq, boolean withStructure) {
        if (uids.isEmpty()) {
            return List.of();
        }
        String structure = withStructure ? ", b.envelope::text AS envelope, b.body_structure::text AS body_structure" : "";
        String join = withStructure ? " JOIN message_bodies b ON b.id = m.body_id" : "";
        return jdbc.sql("SELECT m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, m.body_id" + structure
                        + " FROM messages m" + join + " JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi"
                        + " WHERE m.mailbox_id = :mailbox AND m.modseq > :modseq ORDER BY m.uid")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .query((rs, row) -> summary(rs, withStructure))
                .list();
    }

    /**
     * What an IMAP session has not yet seen of a mailbox it has selected (RFC 9051 7.4, RFC 7162
     * 3.2.10), in one statement and so from one snapshot: the mailbox's HIGHESTMODSEQ, the UIDs in
     * {@code expungeScope} expunged after {@code modseq}, and the messages stored or changed after
     * it. When HIGHESTMODSEQ is not above {@code modseq} the lists are empty without looking at the
     * messages. Empty when the mailbox is gone.
     */
    public Optional<MailboxUpdates> updatesSince(long mailboxId, long modseq, UidSet expungeScope) {
        long[] highest = {-1};
        List<Long> expunged = new ArrayList<>();
        List<MessageSummary> changed = new ArrayList<>();
        // The CTE is read once; its row gates both lists, so an unchanged mailbox costs one index lookup.
        jdbc.sql("WITH mb AS MATERIALIZED (SELECT highest_modseq FROM mailboxes WHERE id = :mailbox)"
                        + " SELECT 0 AS kind, mb.highest_modseq AS uid, 0 AS modseq, CAST(NULL AS smallint) AS flags,"
                        + " CAST(NULL AS text[]) AS keywords, CAST(NULL AS timestamptz) AS internal_date,"
                        + " CAST(NULL AS bigint) AS size, CAST(NULL AS bigint) AS body_id FROM mb"
                        + " UNION ALL SELECT 1, e.uid, e.modseq, NULL, NULL, NULL, NULL, NULL"
                        + " FROM mb, expunged_messages e JOIN " + RANGES + " ON e.uid BETWEEN r.lo AND r.hi"
                        + " WHERE mb.highest_modseq > :modseq AND e.mailbox_id = :mailbox AND e.modseq > :modseq"
                        + " UNION ALL SELECT 2, m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, m.body_id"
                        + " FROM mb, messages m WHERE mb.highest_modseq > :modseq"
                        + " AND m.mailbox_id = :mailbox AND m.modseq > :modseq"
                        + " ORDER BY kind, uid")
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .param("lows", expungeScope.lows())
                .param("highs", expungeScope.highs())
                .query((RowCallbackHandler) rs -> {
                    switch (rs.getInt("kind")) {
                        case 0 -> highest[0] = rs.getLong("uid");
                        case 1 -> expunged.add(rs.getLong("uid"));
                        default -> changed.add(summary(rs, false));
                    }
                });
        if (highest[0] < 0) {
            return Optional.empty();
        }
        return Optional.of(new MailboxUpdates(highest[0], expunged, changed));
    }

    /**
     * IMAP SELECT and EXAMINE (RFC 9051 6.3.2): the mailbox's counters and all its messages in one
     * statement, so the sequence map, UIDNEXT and HIGHESTMODSEQ describe one state. Empty when the
     * mailbox is gone.
     */
    public Optional<MailboxContents> contentsForSelect(long mailboxId) {
        List<MessageSummary> messages = new ArrayList<>();
        long[][] holder = {null};
        jdbc.sql("SELECT mb.uid_validity, mb.uid_next, mb.highest_modseq, mb.first_recent_uid,"
                        + " m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, m.body_id"
                        + " FROM mailboxes mb LEFT JOIN messages m ON m.mailbox_id = mb.id"
                        + " WHERE mb.id = :mailbox ORDER BY m.uid")
                .param("mailbox", mailboxId)
                .query((RowCallbackHandler) rs -> {
                    if (holder[0] == null) {
                        holder[0] = new long[] {rs.getLong("uid_validity"), rs.getLong("uid_next"),
                                rs.getLong("highest_modseq"), rs.getLong("first_recent_uid")};
                    }
                    rs.getLong("uid");
                    if (!rs.wasNull()) {
                        messages.add(summary(rs, false));
                    }
                });
        long[] counters = holder[0];
        if (counters == null) {
            return Optional.empty();
        }
        return Optional.of(new MailboxContents(mailboxId, counters[0], counters[1], counters[2], counters[3], messages));
    }

    /**
     * {@link #changedSince} together with the mailbox's HIGHESTMODSEQ from the same snapshot, so
     * that a FETCH also tells its session whether anything it has not seen was committed.
     */
    public MessageSummaries summariesWithHighest(long mailboxId, UidSet uids, long modseq, boolean withStructure) {
        if (uids.isEmpty()) {
            return new MessageSummaries(-1, List.of());
        }
        String structure = withStructure ? ", b.envelope::text AS envelope, b.body_structure::text AS body_structure" : "";
        String join = withStructure ? " JOIN message_bodies b ON b.id = m.body_id" : "";
        long[] highest = {-1};
        List<MessageSummary> read = new ArrayList<>();
        jdbc.sql("SELECT m.uid, m.modseq, m.flags, m.keywords, m.internal_date, m.size, m.body_id" + structure
                        + ", (SELECT highest_modseq FROM mailboxes WHERE id = :mailbox) AS mailbox_highest_modseq"
                        + " FROM messages m" + join + " JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi"
                        + " WHERE m.mailbox_id = :mailbox AND m.modseq > :modseq ORDER BY m.uid")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .query((RowCallbackHandler) rs -> {
                    highest[0] = rs.getLong("mailbox_highest_modseq");
                    read.add(summary(rs, withStructure));
                });
        return new MessageSummaries(highest[0], read);
    }

    /** RFC 7162 3.2.5.2: UIDs in {@code uids} expunged after {@code modseq} (VANISHED (EARLIER)). */
    public List<Long> expungedSince(long mailboxId, long modseq, UidSet uids) {
        if (uids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT e.uid FROM expunged_messages e JOIN " + RANGES + " ON e.uid BETWEEN r.lo AND r.hi"
                        + " WHERE e.mailbox_id = :mailbox AND e.modseq > :modseq ORDER BY e.uid")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .query(Long.class)
                .list();
    }

    /** The lowest UID without \Seen (SELECT's UNSEEN response code in RFC 3501 §6.3.1). */
    public OptionalLong firstUnseen(long mailboxId) {
        return jdbc.sql("SELECT min(uid) FROM messages WHERE mailbox_id = :mailbox AND flags & 1 = 0")
                .param("mailbox", mailboxId)
                .query((rs, row) -> {
                    long uid = rs.getLong(1);
                    return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(uid);
                })
                .single();
    }

    /** The message's octets (prefix + body) to stream or slice; empty when there is no such message. */
    public Optional<MessageContent> content(long mailboxId, long uid) {
        return jdbc.sql("""
                        SELECT m.body_id, m.header_prefix, b.size,
                               CASE WHEN b.size <= :inline THEN b.content END AS inline_content
                          FROM messages m JOIN message_bodies b ON b.id = m.body_id
                         WHERE m.mailbox_id = :mailbox AND m.uid = :uid
                        """)
                .param("inline", INLINE_BODY_LIMIT)
                .param("mailbox", mailboxId)
                .param("uid", uid)
                .query((rs, row) -> new MessageContent(jdbc, rs.getLong("body_id"), rs.getBytes("header_prefix"),
                        rs.getLong("size"), rs.getBytes("inline_content")))
                .optional();
    }

    /**
     * The octets of the messages in {@code uids}, in one query: what {@link #content} gives for
     * each, keyed by UID (messages not there are left out). Bodies up to {@value #INLINE_BODY_LIMIT} octets come back with
     * the query, larger ones are read in slices when used, so the caller bounds the memory by the
     * set it asks for.
     */
    public Map<Long, MessageContent> contents(long mailboxId, UidSet uids) {
        if (uids.isEmpty()) {
            return Map.of();
        }
        Map<Long, MessageContent> contents = new HashMap<>();
        jdbc.sql("SELECT m.uid, m.body_id, m.header_prefix, b.size,"
                        + " CASE WHEN b.size <= :inline THEN b.content END AS inline_content"
                        + " FROM messages m JOIN message_bodies b ON b.id = m.body_id"
                        + " JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi WHERE m.mailbox_id = :mailbox")
                .param("inline", INLINE_BODY_LIMIT)
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .query((RowCallbackHandler) rs -> contents.put(rs.getLong("uid"), new MessageContent(jdbc,
                        rs.getLong("body_id"), rs.getBytes("header_prefix"), rs.getLong("size"), rs.getBytes("inline_content"))));
        return contents;
    }

    /**
     * The header sections of the messages in {@code uids}, in one query, for SEARCH on header
     * fields (RFC 9051 6.4.4): each message's per-recipient prefix followed by its body's header
     * up to and including the empty line that ends it. Only the header's octets are read where
     * the stored structure says where it ends (the column is stored uncompressed, so that is a
     * slice); otherwise at most {@value #MAX_HEADER_SECTION} octets, cut at the first empty line.
     * A longer header is returned cut at that many octets.
     */
    public Map<Long, byte[]> headerSections(long mailboxId, UidSet uids) {
        if (uids.isEmpty()) {
            return Map.of();
        }
        Map<Long, byte[]> sections = new HashMap<>();
        jdbc.sql("SELECT m.uid, m.header_prefix, substring(b.content FROM 1 FOR"
                        + " CAST(GREATEST(0, LEAST(:max, COALESCE(" + STORED_HEADER_END + ", :max))) AS integer)) AS head"
                        + " FROM messages m JOIN message_bodies b ON b.id = m.body_id"
                        + " JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi WHERE m.mailbox_id = :mailbox")
                .param("max", MAX_HEADER_SECTION)
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .query((RowCallbackHandler) rs -> sections.put(rs.getLong("uid"),
                        HeaderSection.join(rs.getBytes("header_prefix"), rs.getBytes("head"))));
        return sections;
    }

    /**
     * The messages whose decoded text (subject, addresses, body text) contains {@code text},
     * ignoring case: IMAP SEARCH TEXT matches substrings (RFC 3501 6.4.4, RFC 9051 6.4.4).
     * A body stored without its text is matched through its word vector. A blank query matches
     * every message.
     */
    public List<Long> searchText(long mailboxId, String text) {
        return search(mailboxId, text, "b.search_text");
    }

    /**
     * Like {@link #searchText}, but in the text parts only, not the header fields: IMAP SEARCH
     * BODY (RFC 3501 6.4.4). Bodies stored before the text's start was recorded are searched whole.
     */
    public List<Long> searchBody(long mailboxId, String text) {
        return search(mailboxId, text, "substr(b.search_text, coalesce(b.search_body_start, 0) + 1)");
    }

    private List<Long> search(long mailboxId, String text, String searched) {
        if (text == null || text.isBlank()) {
            return jdbc.sql("SELECT uid FROM messages WHERE mailbox_id = :mailbox ORDER BY uid")
                    .param("mailbox", mailboxId)
                    .query(Long.class)
                    .list();
        }
        String needle = BodyStore.searchable(text);
        return jdbc.sql("SELECT m.uid FROM messages m JOIN message_bodies b ON b.id = m.body_id"
                        + " WHERE m.mailbox_id = :mailbox"
                        + " AND (" + searched + " ILIKE :pattern ESCAPE '\\'"
                        + " OR b.search_text IS NULL AND b.search_vector @@ plainto_tsquery('simple', :words))"
                        + " ORDER BY m.uid")
                .param("mailbox", mailboxId)
                .param("pattern", "%" + likeEscaped(needle) + "%")
                .param("words", needle)
                .query(Long.class)
                .list();
    }

    /** LIKE treats % and _ as wildcards; the client's text is literal. */
    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * IMAP STORE (RFC 9051 §6.4.6) on a set of UIDs in one statement. Changed messages share one
     * new MODSEQ (RFC 7162 3.1: a MODSEQ orders changes and need not be unique per message);
     * messages whose flags end up as they were keep theirs.
     *
     * @param unchangedSince RFC 7162 3.1.3 UNCHANGEDSINCE, or empty
     * @throws org.mailplatform.store.LimitExceededException when added keywords would pass the {@link KeywordLimits}
     */
    public StoreFlagsResult storeFlags(long mailboxId, UidSet uids, FlagChange change, OptionalLong unchangedSince) {
        return tx.execute(status -> {
            Counters counters = allocator.lockForChange(mailboxId);
            if (uids.isEmpty()) {
                return new StoreFlagsResult(List.of(), List.of(), counters.highestModseq());
            }
            if (change.mode() != FlagChange.Mode.REMOVE) {
                keywords.check(mailboxId, change.flags().keywords());
            }
            long limit = unchangedSince.orElse(Long.MAX_VALUE);
            long modseq = counters.highestModseq() + 1;
            List<Long> modified = unchangedSince.isPresent() ? uidsChangedAfter(mailboxId, uids, limit) : List.of();
            // The mailbox's HIGHESTMODSEQ moves in the same statement, and only when a message changed:
            // one round trip under the row lock instead of two.
            List<FlagUpdate> updated = new ArrayList<>(jdbc.sql("WITH target AS (SELECT m.uid, "
                            + flagsExpression(change.mode()) + " AS new_flags, "
                            + keywordsExpression(change.mode()) + " AS new_keywords"
                            + " FROM messages m JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi"
                            + " WHERE m.mailbox_id = :mailbox AND m.modseq <= :limit),"
                            + " changed AS (UPDATE messages m SET flags = t.new_flags, keywords = t.new_keywords, modseq = :modseq"
                            + " FROM target t WHERE m.mailbox_id = :mailbox AND m.uid = t.uid"
                            + " AND (m.flags <> t.new_flags OR m.keywords <> t.new_keywords)"
                            + " RETURNING m.uid, m.flags, m.keywords, m.modseq),"
                            + " counter AS (UPDATE mailboxes SET highest_modseq = greatest(highest_modseq, :modseq)"
                            + " WHERE id = :mailbox AND EXISTS (SELECT 1 FROM changed))"
                            + " SELECT uid, flags, keywords, modseq FROM changed")
                    .param("lows", uids.lows())
                    .param("highs", uids.highs())
                    .param("mailbox", mailboxId)
                    .param("limit", limit)
                    .param("modseq", modseq)
                    .param("bits", change.flags().bits())
                    .param("keywords", change.flags().keywords().toArray(String[]::new))
                    .query((rs, row) -> new FlagUpdate(rs.getLong("uid"),
                            MessageFlags.fromStored(rs.getInt("flags"), (String[]) rs.getArray("keywords").getArray()),
                            rs.getLong("modseq")))
                    .list());
            updated.sort(Comparator.comparingLong(FlagUpdate::uid));
            if (updated.isEmpty()) {
                return new StoreFlagsResult(List.of(), modified, counters.highestModseq());
            }
            return new StoreFlagsResult(List.copyOf(updated), modified, modseq);
        });
    }

    /** IMAP EXPUNGE / CLOSE: removes every message with \Deleted. */
    public ExpungeResult expunge(long mailboxId) {
        return expunge(mailboxId, UidSet.all());
    }

    /** RFC 4315 UID EXPUNGE: removes the messages in {@code uids} that have \Deleted. */
    public ExpungeResult expunge(long mailboxId, UidSet uids) {
        return tx.execute(status -> {
            long accountId = allocator.ownerOf(mailboxId);
            usage.lock(accountId);
            return remove(mailboxId, accountId, uids, true, true);
        });
    }

    /**
     * IMAP COPY (RFC 9051 §6.4.7): flags, keywords, internal date and per-recipient prefix go with
     * the copies; the bodies are shared, not duplicated. Counts against the target's quota.
     */
    public CopyResult copy(long sourceMailboxId, UidSet uids, long targetMailboxId) {
        return tx.execute(status -> {
            long sourceAccount = allocator.ownerOf(sourceMailboxId);
            long targetAccount = allocator.ownerOf(targetMailboxId);
            usage.lock(sourceAccount, targetAccount);
            allocator.lock(sourceMailboxId, targetMailboxId);
            return copyLocked(sourceMailboxId, uids, targetMailboxId, targetAccount, true);
        });
    }

    /** RFC 6851 MOVE: copy and expunge in one transaction; the source messages need no \Deleted. */
    public MoveResult move(long sourceMailboxId, UidSet uids, long targetMailboxId) {
        return tx.execute(status -> {
            long sourceAccount = allocator.ownerOf(sourceMailboxId);
            long targetAccount = allocator.ownerOf(targetMailboxId);
            usage.lock(sourceAccount, targetAccount);
            allocator.lock(sourceMailboxId, targetMailboxId);
            boolean sameAccount = sourceAccount == targetAccount;
            CopyResult copied = copyLocked(sourceMailboxId, uids, targetMailboxId, targetAccount, !sameAccount);
            // Within one account the copies were not charged, so the originals' bytes stay counted.
            ExpungeResult expunged = remove(sourceMailboxId, sourceAccount, UidSet.of(copied.sourceUids()),
                    false, !sameAccount);
            return new MoveResult(copied, expunged);
        });
    }

    private CopyResult copyLocked(long source, UidSet uids, long target, long targetAccount, boolean charge) {
        List<long[]> rows = uids.isEmpty() ? List.of() : jdbc.sql("SELECT m.uid, m.size FROM messages m JOIN " + RANGES
                        + " ON m.uid BETWEEN r.lo AND r.hi WHERE m.mailbox_id = :mailbox ORDER BY m.uid")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", source)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .list();
        if (rows.isEmpty()) {
            Counters counters = allocator.lockForChange(target);
            return new CopyResult(target, counters.uidValidity(), List.of(), List.of(), counters.highestModseq());
        }
        keywords.check(target, keywords.keywordsOf(source, uids.lows(), uids.highs(), RANGES));
        long bytes = rows.stream().mapToLong(r -> r[1]).sum();
        if (charge && !usage.reserve(targetAccount, bytes)) {
            throw new QuotaExceededException("target mailbox full");
        }
        Allocation a = allocator.allocate(target, rows.size());
        jdbc.sql("INSERT INTO messages (mailbox_id, uid, body_id, header_prefix, size, modseq, flags, keywords, internal_date)"
                        + " SELECT :target, :first + row_number() OVER (ORDER BY m.uid) - 1, m.body_id, m.header_prefix,"
                        + " m.size, :modseq, m.flags, m.keywords, m.internal_date"
                        + " FROM messages m JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi"
                        + " WHERE m.mailbox_id = :source")
                .param("target", target)
                .param("first", a.firstUid())
                .param("modseq", a.modseq())
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("source", source)
                .update();
        List<Long> sourceUids = rows.stream().map(r -> r[0]).toList();
        List<Long> targetUids = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            targetUids.add(a.firstUid() + i);
        }
        return new CopyResult(target, a.uidValidity(), sourceUids, List.copyOf(targetUids), a.modseq());
    }

    /**
     * Removes messages (only those with \Deleted when {@code deletedOnly}), records them for
     * VANISHED, gives their bytes back to the account and drops bodies nothing else refers to.
     * The caller holds the account's lock.
     */
    private ExpungeResult remove(long mailboxId, long accountId, UidSet uids, boolean deletedOnly, boolean release) {
        Counters counters = allocator.lockForChange(mailboxId);
        if (uids.isEmpty()) {
            return new ExpungeResult(List.of(), counters.highestModseq(), 0);
        }
        long modseq = counters.highestModseq() + 1;
        // The removal, its record for VANISHED (RFC 7162 3.2.10) and the new HIGHESTMODSEQ (only when
        // something was removed) in one statement: one round trip under the row lock instead of three.
        List<long[]> rows = jdbc.sql("WITH gone AS (DELETE FROM messages m USING " + RANGES
                        + " WHERE m.mailbox_id = :mailbox AND m.uid BETWEEN r.lo AND r.hi"
                        + (deletedOnly ? " AND m.flags & 8 <> 0" : "")
                        + " RETURNING m.uid, m.size, m.body_id),"
                        + " recorded AS (INSERT INTO expunged_messages (mailbox_id, uid, modseq)"
                        + " SELECT :mailbox, uid, :modseq FROM gone"
                        + " ON CONFLICT (mailbox_id, uid) DO UPDATE SET modseq = EXCLUDED.modseq, expunged_at = now()),"
                        + " counter AS (UPDATE mailboxes SET highest_modseq = greatest(highest_modseq, :modseq)"
                        + " WHERE id = :mailbox AND EXISTS (SELECT 1 FROM gone))"
                        + " SELECT uid, size, body_id FROM gone")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                .list();
        if (rows.isEmpty()) {
            return new ExpungeResult(List.of(), counters.highestModseq(), 0);
        }
        long[] removedUids = rows.stream().mapToLong(r -> r[0]).sorted().toArray();
        long freed = rows.stream().mapToLong(r -> r[1]).sum();
        if (release) {
            usage.release(accountId, freed);
        }
        bodies.deleteUnreferenced(rows.stream().map(r -> r[2]).distinct().toList());
        return new ExpungeResult(Arrays.stream(removedUids).boxed().toList(), modseq, freed);
    }

    private List<Long> uidsChangedAfter(long mailboxId, UidSet uids, long modseq) {
        return jdbc.sql("SELECT m.uid FROM messages m JOIN " + RANGES + " ON m.uid BETWEEN r.lo AND r.hi"
                        + " WHERE m.mailbox_id = :mailbox AND m.modseq > :modseq ORDER BY m.uid")
                .param("lows", uids.lows())
                .param("highs", uids.highs())
                .param("mailbox", mailboxId)
                .param("modseq", modseq)
                .query(Long.class)
                .list();
    }

    private static String flagsExpression(FlagChange.Mode mode) {
        return switch (mode) {
            case REPLACE -> "CAST(:bits AS smallint)";
            case ADD -> "CAST(m.flags | :bits AS smallint)";
            case REMOVE -> "CAST(m.flags & ~CAST(:bits AS integer) AS smallint)";
        };
    }

    // Sorted with the C collation so the order matches MessageFlags' (Java String) order.
    private static String keywordsExpression(FlagChange.Mode mode) {
        return switch (mode) {
            case REPLACE -> "CAST(:keywords AS text[])";
            case ADD -> "ARRAY(SELECT DISTINCT k COLLATE \"C\" FROM unnest(m.keywords || CAST(:keywords AS text[])) AS k ORDER BY 1)";
            case REMOVE -> "ARRAY(SELECT k FROM unnest(m.keywords) AS k WHERE k <> ALL(CAST(:keywords AS text[])) ORDER BY k COLLATE \"C\")";
        };
    }

    private static MessageSummary summary(ResultSet rs, boolean withStructure) throws SQLException {
        return new MessageSummary(rs.getLong("uid"), rs.getLong("modseq"),
                MessageFlags.fromStored(rs.getInt("flags"), (String[]) rs.getArray("keywords").getArray()),
                rs.getObject("internal_date", OffsetDateTime.class).toInstant(),
                rs.getLong("size"), rs.getLong("body_id"),
                withStructure ? Optional.ofNullable(rs.getString("envelope")) : Optional.empty(),
                withStructure ? Optional.ofNullable(rs.getString("body_structure")) : Optional.empty());
    }
}
