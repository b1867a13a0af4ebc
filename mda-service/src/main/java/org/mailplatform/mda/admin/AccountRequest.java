package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/accounts. */
public record AccountRequest(
        // RFC 5321 4.5.3.1.3: a path is at most 256 octets with its angle brackets.
        @Schema(description = "Full address in a local domain", example = "alice@example.org")
        @NotBlank @Size(max = 254) String address,
        @Schema(description = "Initial password; the password policy applies (422 when refused)",
                accessMode = Schema.AccessMode.WRITE_ONLY, format = "password")
        @NotEmpty String password,
        @Schema(description = "Storage limit in octets; 0 or absent for none", example = "1073741824")
        @PositiveOrZero Long quotaBytes) {

    @Override
    public String toString() {
        return "AccountRequest[address=" + address + ", quotaBytes=" + quotaBytes + "]";
    }
}
