package org.mailplatform.pop3.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mailplatform.pop3.protocol.Pop3Error;
import org.mailplatform.pop3.store.MaildropEntry;
import org.mailplatform.pop3.store.MaildropSnapshot;

/**
 * The open maildrop of a session: message numbers fixed at login, deletion marks that only QUIT
 * makes real (RFC 1939 5 DELE, RSET; 6 UPDATE).
 */
public final class Maildrop {

    private final MaildropSnapshot snapshot;
    private final boolean[] deleted;
    private int deletedCount;
    private long deletedOctets;

    public Maildrop(MaildropSnapshot snapshot) {
        this.snapshot = snapshot;
        this.deleted = new boolean[snapshot.messages().size()];
    }

    public MaildropSnapshot snapshot() {
        return snapshot;
    }

    /** Messages not marked as deleted (RFC 1939 5 STAT: deleted ones are not counted). */
    public int count() {
        return deleted.length - deletedCount;
    }

    public long octets() {
        long total = 0;
        for (MaildropEntry m : snapshot.messages()) {
            total += m.size();
        }
        return total - deletedOctets;
    }

    /** Every message number, deleted or not, in order. */
    public int highestNumber() {
        return deleted.length;
    }

    public boolean isDeleted(int number) {
        return deleted[number - 1];
    }

    /** RFC 1939 5: a message-number may not refer to a message marked as deleted. */
    public MaildropEntry message(int number) throws Pop3Error {
        if (number < 1 || number > deleted.length) {
            throw new Pop3Error("No such message");
        }
        if (deleted[number - 1]) {
            throw new Pop3Error("Message " + number + " already deleted");
        }
        return snapshot.messages().get(number - 1);
    }

    public MaildropEntry entry(int number) {
        return snapshot.messages().get(number - 1);
    }

    /**
     * RFC 1939 7 UIDL: unique-id, 1 to 70 characters 0x21-0x7E, never reused in the maildrop. The
     * UIDVALIDITY.UID pair IMAP uses for the same message satisfies all three and survives sessions.
     */
    public String uniqueId(int number) {
        return snapshot.uidValidity() + "." + entry(number).uid();
    }

    public void markDeleted(int number) throws Pop3Error {
        MaildropEntry entry = message(number);
        deleted[number - 1] = true;
        deletedCount++;
        deletedOctets += entry.size();
    }

    /** RFC 1939 5 RSET: unmarks every message. */
    public void unmarkAll() {
        Arrays.fill(deleted, false);
        deletedCount = 0;
        deletedOctets = 0;
    }

    /** The UIDs QUIT removes, ascending. */
    public List<Long> deletedUids() {
        List<Long> uids = new ArrayList<>(deletedCount);
        for (int i = 0; i < deleted.length; i++) {
            if (deleted[i]) {
                uids.add(snapshot.messages().get(i).uid());
            }
        }
        return uids;
    }
}
