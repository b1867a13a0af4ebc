package org.mailplatform.mda.admin;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.store.account.Account;

/** An account as the API shows it: never its password hash. */
public record AccountView(
        @Schema(example = "alice@example.org") String address,
        @Schema(example = "example.org") String domain,
        @Schema(description = "Storage limit in octets; 0 = none") long quotaBytes,
        @Schema(description = "Octets stored (sum of RFC822.SIZE over the account's messages)") long usedBytes,
        boolean disabled,
        Instant createdAt) {

    static AccountView of(Account account) {
        return new AccountView(account.address().toString(), account.address().domain(), account.quotaBytes(),
                account.usedBytes(), account.disabled(), account.createdAt());
    }
}
