package org.mailplatform.mda.admin;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.store.account.Domain;

/** A local domain as the API shows it. */
public record DomainView(
        @Schema(description = "Normalised name: lower case, IDNA A-labels", example = "example.org") String name,
        Instant createdAt) {

    static DomainView of(Domain domain) {
        return new DomainView(domain.name(), domain.createdAt());
    }
}
