package org.mailplatform.mda.admin;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.msgauth.dkim.DkimKey;
import org.mailplatform.store.dkim.StoredDkimKey;

/** A DKIM key as the API shows it: where and what to publish, never the private key. */
public record DkimKeyView(
        String domain,
        String selector,
        @Schema(example = "rsa-sha256") String algorithm,
        @Schema(description = "The DNS name of the TXT record", example = "202612r._domainkey.example.org") String dnsName,
        @Schema(description = "The TXT record's text (RFC 6376 3.6.1)") String txtRecord,
        @Schema(description = "The record as a zone file line, split into strings of at most 255 octets") String zoneFileLine,
        Instant signsFrom,
        Instant createdAt) {

    static DkimKeyView of(StoredDkimKey stored, DkimKey key) {
        return new DkimKeyView(stored.domain(), stored.selector(), stored.algorithm(), key.dnsName(), key.txtRecord(),
                key.zoneFileLine(), stored.signsFrom(), stored.createdAt());
    }
}
