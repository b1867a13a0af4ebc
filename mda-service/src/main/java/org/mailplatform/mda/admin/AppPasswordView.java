package org.mailplatform.mda.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.mailplatform.auth.AppPasswordInfo;
import org.mailplatform.auth.LoginProtocol;

/** An app password; {@code secret} appears only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppPasswordView(
        String name,
        @Schema(description = "Empty: every protocol") List<String> protocols,
        Instant createdAt,
        @Schema(description = "Last successful login with it; absent when never used") Instant lastUsed,
        @Schema(description = "The generated secret, shown this once and never stored") String secret) {

    static AppPasswordView of(AppPasswordInfo info) {
        return new AppPasswordView(info.name(), info.protocols().stream().map(LoginProtocol::id).sorted().toList(),
                info.createdAt(), info.lastUsed().orElse(null), info.secret().orElse(null));
    }
}
