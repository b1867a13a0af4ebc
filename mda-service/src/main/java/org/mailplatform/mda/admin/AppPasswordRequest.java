package org.mailplatform.mda.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/accounts/{address}/app-passwords. */
public record AppPasswordRequest(
        @Schema(description = "Unique per account: 1 to 64 of A-Z a-z 0-9 . _ -", example = "phone")
        @NotBlank @Size(max = 64) String name,
        @Schema(description = "Protocols it may be used over (smtp, imap, pop3, managesieve); absent or empty for all",
                example = "[\"imap\", \"smtp\"]")
        @Size(max = 4) List<String> protocols) {
}
