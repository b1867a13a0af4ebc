package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;

/** Which script runs for the account: a name, or null or empty for none (RFC 5804 2.8). */
public record ActiveSieveScriptRequest(@Schema(example = "vacation", nullable = true) String name) {
}
