package org.mailplatform.mda.admin;

/** A request value the API cannot use (bad address or domain syntax, nothing to change): 400. */
final class InvalidInputException extends RuntimeException {

    private final String field;

    InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field, path variable or query parameter at fault. */
    String field() {
        return field;
    }
}
