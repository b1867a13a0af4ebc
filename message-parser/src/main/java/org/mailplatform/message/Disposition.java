package org.mailplatform.message;

import java.util.List;
import java.util.Objects;

/** Content-Disposition (RFC 2183): the type lowercased ("inline", "attachment") and its parameters. */
public record Disposition(String type, List<Parameter> parameters) {

    public Disposition {
        Objects.requireNonNull(type, "type");
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }
}
