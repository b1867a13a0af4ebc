package org.mailplatform.mda.admin;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/domains/{name}/dkim; every field may be left out. */
public record DkimKeyRequest(
        @Schema(description = "rsa-sha256 (2048-bit RSA, the default) or ed25519-sha256 (RFC 8463)", example = "rsa-sha256")
        @Size(max = 32) String algorithm,
        @Schema(description = "The selector (RFC 6376 3.1); default: year, month and r (RSA) or e (Ed25519)",
                example = "202612r")
        @Size(max = 63) String selector,
        @Schema(description = "When the key starts signing; default now. For a rotation, leave the DNS record time to"
                + " spread first (its TTL at least)")
        Instant signsFrom) {
}
