package org.mailplatform.mda.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.store.sieve.SieveScript;

/** A user's Sieve script; {@code content} only when one script is asked for. */
public record SieveScriptView(
        @Schema(example = "vacation") String name,
        @Schema(description = "The script the MDA runs for this account (at most one is)") boolean active,
        @Schema(description = "Size in UTF-8 octets") long size,
        Instant updatedAt,
        @Schema(description = "The script (RFC 5228), in the single-script answers only", nullable = true) String content) {

    static SieveScriptView summary(SieveScript script) {
        return new SieveScriptView(script.name(), script.active(), size(script), script.updatedAt(), null);
    }

    static SieveScriptView full(SieveScript script) {
        return new SieveScriptView(script.name(), script.active(), size(script), script.updatedAt(), script.content());
    }

    private static long size(SieveScript script) {
        return script.content().getBytes(StandardCharsets.UTF_8).length;
    }
}
