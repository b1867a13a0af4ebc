package org.mailplatform.message;

import java.util.Objects;

/**
 * One MIME parameter (RFC 2045 5.1) as BODYSTRUCTURE sends it (RFC 3501 body-fld-param): the
 * name lowercased, the value unquoted. RFC 2231 continuations are already joined; an extended
 * value keeps its {@code name*} form ({@code charset'language'percent-encoded}) as in the header,
 * which RFC 2231-aware clients decode.
 */
public record Parameter(String name, String value) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
