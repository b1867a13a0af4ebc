package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** A script to store, as JSON; a {@code text/plain} body is the script itself. */
public record SieveScriptRequest(
        @Schema(example = "require \"fileinto\";\nif header :contains \"subject\" \"[list]\" { fileinto \"Lists\"; }\n")
        @NotNull String content) {
}
