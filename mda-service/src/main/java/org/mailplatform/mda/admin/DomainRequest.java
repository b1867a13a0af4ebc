package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/domains. */
public record DomainRequest(
        // RFC 1035 2.3.4 / RFC 5321 4.5.3.1.2: a domain name has at most 255 octets.
        @Schema(description = "Domain name; an IDN is stored as its A-label", example = "example.org")
        @NotBlank @Size(max = 255) String name) {
}
