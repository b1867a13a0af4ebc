package org.mailplatform.mda.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of PATCH /api/v1/accounts/{address}: only the fields given are changed. */
public record AccountChange(
        @Schema(description = "New password; the password policy applies (422 when refused)",
                accessMode = Schema.AccessMode.WRITE_ONLY, format = "password")
        String password,
        @Schema(description = "New storage limit in octets; 0 for none. Mail already stored is kept")
        @PositiveOrZero Long quotaBytes,
        @Schema(description = "A disabled account cannot log in; mail to it is still delivered")
        Boolean disabled) {

    boolean isEmpty() {
        return password == null && quotaBytes == null && disabled == null;
    }

    @Override
    public String toString() {
        return "AccountChange[password=" + (password == null ? "unchanged" : "(new)")
                + ", quotaBytes=" + quotaBytes + ", disabled=" + disabled + "]";
    }
}
