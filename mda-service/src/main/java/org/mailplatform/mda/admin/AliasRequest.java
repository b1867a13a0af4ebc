package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/aliases. */
public record AliasRequest(
        @Schema(description = "local@domain in a local domain, or @domain for the domain's catch-all",
                example = "postmaster@example.org")
        @NotBlank @Size(max = 254) String source,
        @Schema(description = "Where the mail goes: a local or remote address", example = "alice@example.org")
        @NotBlank @Size(max = 254) String target) {
}
