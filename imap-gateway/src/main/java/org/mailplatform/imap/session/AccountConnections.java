package org.mailplatform.imap.session;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in connections per account and client address on this replica, bounded as Dovecot's
 * {@code mail_max_userip_connections} (10) bounds them: each IMAP connection with IDLE holds a session,
 * a place in the mailbox change fan-out and a database-backed view of its mailbox, so one user (or a
 * stolen password) must not open thousands. Counted per replica: a user behind a load balancer that
 * spreads connections over n replicas may hold up to n times the limit.
 */
public final class AccountConnections {

    private record Key(long accountId, InetAddress address) {
    }

    private final int maxPerAccountAndAddress;
    private final ConcurrentHashMap<Key, Integer> open = new ConcurrentHashMap<>();

    /** @param maxPerAccountAndAddress 0 for no limit */
    public AccountConnections(int maxPerAccountAndAddress) {
        if (maxPerAccountAndAddress < 0) {
            throw new IllegalArgumentException("maxPerAccountAndAddress must not be negative: " + maxPerAccountAndAddress);
        }
        this.maxPerAccountAndAddress = maxPerAccountAndAddress;
    }

    public int limit() {
        return maxPerAccountAndAddress;
    }

    /** Takes a place; false when the account already has the maximum from this address. */
    public boolean tryOpen(long accountId, InetAddress address) {
        boolean[] admitted = {false};
        open.compute(new Key(accountId, address), (key, count) -> {
            int current = count == null ? 0 : count;
            if (maxPerAccountAndAddress > 0 && current >= maxPerAccountAndAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    /** Gives back a place taken by {@link #tryOpen}. */
    public void close(long accountId, InetAddress address) {
        open.computeIfPresent(new Key(accountId, address), (key, count) -> count <= 1 ? null : count - 1);
    }

    /** Connections of an account from an address, for tests and metrics. */
    public int count(long accountId, InetAddress address) {
        return open.getOrDefault(new Key(accountId, address), 0);
    }
}
