package org.mailplatform.mta.milter;

import java.io.IOException;

/** A milter could not be reached, timed out, or broke the protocol: its default action applies. */
public final class MilterException extends IOException {

    public MilterException(String message) {
        super(message);
    }

    public MilterException(String message, Throwable cause) {
        super(message, cause);
    }
}
