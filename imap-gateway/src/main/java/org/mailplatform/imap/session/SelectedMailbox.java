package org.mailplatform.imap.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.mailplatform.imap.protocol.ImapFlags;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.imap.response.FlagNames;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.UidSet;

/**
 * The selected mailbox as this session has shown it to the client: the message sequence number
 * map (RFC 9051 2.3.1.2), the MODSEQ of each message as last reported, and the HIGHESTMODSEQ up to
 * which changes have been looked at. Messages removed in the store stay in the map until the
 * client may be told (RFC 3501 7.4.1), so sequence numbers never shift under a command. It also
 * holds the keywords the client has been told of in FLAGS (RFC 9051 7.3.5) and the UIDs that are
 * \Recent in this session (RFC 3501 2.3.2).
 */
public final class SelectedMailbox {

    private final Mailbox mailbox;
    private final boolean readOnly;
    private long[] uids;
    private long[] modseqs;
    private int count;
    private long syncedModseq;
    private boolean checkedByCommand;
    private final TreeSet<Long> expungedUnreported = new TreeSet<>();
    private UidSet savedSearchResult = UidSet.empty();
    // Keywords compare case-insensitively (RFC 9051 2.3.2); the set only grows while selected.
    private final Set<String> announcedKeywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private UidSet recent = UidSet.empty();

    public SelectedMailbox(Mailbox mailbox, boolean readOnly, long[] uids, long[] modseqs, long syncedModseq) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.uids = Arrays.copyOf(uids, Math.max(16, uids.length));
        this.modseqs = Arrays.copyOf(modseqs, Math.max(16, uids.length));
        this.count = uids.length;
        this.syncedModseq = syncedModseq;
    }

    public long id() {
        return mailbox.id();
    }

    public String name() {
        return mailbox.name();
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public long uidValidity() {
        return mailbox.uidValidity();
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** EXISTS as the client knows it. */
    public int exists() {
        return count;
    }

    /** The UID of message {@code seq} (1-based). */
    public long uidAt(int seq) {
        return uids[seq - 1];
    }

    public long lastUid() {
        return count == 0 ? 0 : uids[count - 1];
    }

    /** The sequence number of {@code uid}, or 0 when the client does not know the message. */
    public int sequenceOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i + 1 : 0;
    }

    public long knownModseq(int seq) {
        return modseqs[seq - 1];
    }

    public long syncedModseq() {
        return syncedModseq;
    }

    void setSyncedModseq(long modseq) {
        syncedModseq = Math.max(syncedModseq, modseq);
    }

    /**
     * A command of this session changed the mailbox under its row lock, where HIGHESTMODSEQ was
     * {@code before}, and made it {@code after}, telling the client of its own changes itself. When
     * the session had seen everything up to {@code before}, it has now seen everything up to
     * {@code after}, as of the moment the lock was held: the command has looked at the store then,
     * and its completion need not look again ({@link #takeCheckedByCommand}).
     */
    public void changedByCommand(long before, long after) {
        if (syncedModseq == before) {
            syncedModseq = Math.max(syncedModseq, after);
            checkedByCommand = true;
        }
    }

    /**
     * The running command read the mailbox from one snapshot and the session has seen everything up
     * to its HIGHESTMODSEQ (SELECT and EXAMINE; FETCH when its metadata showed nothing new): its
     * completion need not look again.
     */
    public void checkedByCommand() {
        checkedByCommand = true;
    }

    /** Whether the running command already looked at the store ({@link #changedByCommand}); clears it. */
    boolean takeCheckedByCommand() {
        boolean checked = checkedByCommand;
        checkedByCommand = false;
        return checked;
    }

    /** Records the MODSEQ the client was shown (or will learn from a reply it is being sent). */
    public void reported(long uid, long modseq) {
        int seq = sequenceOf(uid);
        if (seq > 0) {
            modseqs[seq - 1] = Math.max(modseqs[seq - 1], modseq);
        }
    }

    void append(long uid, long modseq) {
        if (count == uids.length) {
            uids = Arrays.copyOf(uids, count * 2);
            modseqs = Arrays.copyOf(modseqs, count * 2);
        }
        uids[count] = uid;
        modseqs[count] = modseq;
        count++;
    }

    /** Removes {@code uid} from the map; returns the sequence number it had, or 0. */
    public int remove(long uid) {
        int seq = sequenceOf(uid);
        if (seq == 0) {
            return 0;
        }
        System.arraycopy(uids, seq, uids, seq - 1, count - seq);
        System.arraycopy(modseqs, seq, modseqs, seq - 1, count - seq);
        count--;
        expungedUnreported.remove(uid);
        return seq;
    }

    /** Gone from the store, still numbered for the client until it may hear of it (RFC 3501 7.4.1). */
    void expungedButUnreported(long uid) {
        if (sequenceOf(uid) > 0) {
            expungedUnreported.add(uid);
        }
    }

    List<Long> takeUnreportedExpunges() {
        List<Long> result = new ArrayList<>(expungedUnreported);
        expungedUnreported.clear();
        return result;
    }

    public boolean isExpunged(long uid) {
        return expungedUnreported.contains(uid);
    }

    /**
     * Keywords of {@code flags} the client has not yet been told of in a FLAGS response; they
     * count as told from now on, so the caller writes FLAGS before anything that shows them.
     */
    public List<String> newKeywords(Collection<MessageFlags> flags) {
        List<String> fresh = new ArrayList<>();
        for (MessageFlags f : flags) {
            for (String keyword : f.keywords()) {
                if (announcedKeywords.add(keyword)) {
                    fresh.add(keyword);
                }
            }
        }
        return fresh;
    }

    /** The keywords the client has been told of, in the order FLAGS lists them. */
    public List<String> announcedKeywords() {
        return List.copyOf(announcedKeywords);
    }

    /** UIDs in {@code claimed} are \Recent in this session (RFC 3501 2.3.2). */
    public void addRecent(UidSet claimed) {
        if (!claimed.isEmpty()) {
            List<UidSet.Range> ranges = new ArrayList<>(recent.ranges());
            ranges.addAll(claimed.ranges());
            recent = UidSet.ofRanges(ranges);
        }
    }

    public boolean isRecent(long uid) {
        return recent.contains(uid);
    }

    /** RFC 3501 7.3.2 RECENT: the messages in the map that are \Recent in this session. */
    public int recentCount() {
        long n = 0;
        for (UidSet.Range r : recent.ranges()) {
            n += lowerBound(r.high() + 1) - lowerBound(r.low());
        }
        return (int) n;
    }

    /** A message's flags as this session shows them: \Recent first when it is recent here. */
    public List<String> flagNames(long uid, MessageFlags flags) {
        List<String> names = FlagNames.of(flags);
        if (!isRecent(uid)) {
            return names;
        }
        List<String> withRecent = new ArrayList<>(names.size() + 1);
        withRecent.add(ImapFlags.RECENT);
        withRecent.addAll(names);
        return withRecent;
    }

    /**
     * The UIDs a client sequence set names. With {@code uid} the numbers are UIDs: {@code *} is
     * the highest UID the client knows, and UIDs it has not been told of are left out
     * (RFC 9051 6.4.9). Otherwise they are sequence numbers, which must exist.
     *
     * @throws IllegalArgumentException when a sequence number is not in use (the caller answers BAD)
     */
    public UidSet resolve(SequenceSet set, boolean uid) {
        if (count == 0) {
            if (!uid && !set.containsStar()) {
                throw new IllegalArgumentException("No messages in the mailbox");
            }
            return UidSet.empty();
        }
        List<UidSet.Range> ranges = new ArrayList<>();
        if (uid) {
            long last = lastUid();
            for (SequenceSet.Range r : set.resolve(last)) {
                long hi = Math.min(r.last(), last);
                if (r.first() <= hi) {
                    ranges.add(new UidSet.Range(r.first(), hi));
                }
            }
        } else {
            for (SequenceSet.Range r : set.resolve(count)) {
                if (r.last() > count) {
                    throw new IllegalArgumentException("Invalid message sequence number: " + r.last());
                }
                // Between two known UIDs no other message can exist: UIDs only grow, so the range is exact.
                ranges.add(new UidSet.Range(uids[(int) r.first() - 1], uids[(int) r.last() - 1]));
            }
        }
        return UidSet.ofRanges(ranges);
    }

    /**
     * RFC 5182 2.1: remembers the result of SEARCH ... RETURN (SAVE) for {@code $}. It is kept as
     * UIDs, so it names the same messages in UID and sequence-number commands alike, and a new
     * SELECT or EXAMINE, which makes a new map, starts with an empty one.
     */
    public void saveSearchResult(UidSet uids) {
        savedSearchResult = uids;
    }

    /** {@code $}: the saved messages still in the map; an expunged one has dropped out (RFC 5182 2.1). */
    public UidSet savedSearchResult() {
        return savedSearchResult.isEmpty() ? UidSet.empty() : UidSet.of(knownUids(savedSearchResult));
    }

    /** All UIDs of the map, as a set. */
    public UidSet all() {
        return count == 0 ? UidSet.empty() : UidSet.range(uids[0], uids[count - 1]);
    }

    /** The UIDs in {@code set} that the client knows, ascending. */
    public long[] knownUids(UidSet set) {
        long[] out = new long[count];
        int n = 0;
        for (UidSet.Range r : set.ranges()) {
            int from = lowerBound(r.low());
            for (int i = from; i < count && uids[i] <= r.high(); i++) {
                out[n++] = uids[i];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private int lowerBound(long uid) {
        int i = Arrays.binarySearch(uids, 0, count, uid);
        return i >= 0 ? i : -i - 1;
    }
}
