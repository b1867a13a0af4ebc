package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.store.account.Alias;

/** One source → target pair. */
public record AliasView(
        @Schema(description = "local@domain, or @domain for the catch-all", example = "postmaster@example.org")
        String source,
        @Schema(example = "alice@example.org") String target,
        @Schema(description = "Whether this is the domain's catch-all, used only when no account or alias matches")
        boolean catchAll) {

    static AliasView of(Alias alias) {
        return new AliasView(alias.source(), alias.target().toString(), alias.isCatchAll());
    }
}
