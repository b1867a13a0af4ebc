package org.mailplatform.store.account;

import java.time.Instant;

/**
 * A mail account: one login and one set of mailboxes.
 *
 * @param passwordHash Argon2id (or imported bcrypt) hash in modular crypt form; never printed
 * @param quotaBytes   storage limit in octets, {@value #UNLIMITED} for none
 * @param usedBytes    sum of RFC822.SIZE over the account's messages
 */
public record Account(long id, long domainId, EmailAddress address, String passwordHash,
                      long quotaBytes, long usedBytes, boolean disabled, Instant createdAt) {

    public static final long UNLIMITED = 0;

    public boolean hasQuota() {
        return quotaBytes != UNLIMITED;
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", address=" + address + ", quotaBytes=" + quotaBytes
                + ", usedBytes=" + usedBytes + ", disabled=" + disabled + "]";
    }
}
