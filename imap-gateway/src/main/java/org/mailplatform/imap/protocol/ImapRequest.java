package org.mailplatform.imap.protocol;

import java.util.List;

/**
 * One complete command: {@code tag SP name [SP arguments] CRLF} (RFC 9051 2.2.1).
 *
 * @param tag the client's tag, as sent
 * @param name the command name in upper case; UID commands carry both words, e.g. {@code UID FETCH}
 * @param arguments the arguments after the name, literals included
 * @param size bytes the command took on the wire, literals included
 */
public record ImapRequest(String tag, String name, List<ImapArg> arguments, long size) {

    public ImapRequest {
        arguments = List.copyOf(arguments);
    }

    /** A fresh cursor over {@link #arguments()}. */
    public ImapArgReader reader() {
        return new ImapArgReader(arguments);
    }

    /** Tag and name only: arguments may hold passwords. */
    @Override
    public String toString() {
        return tag + " " + name + (arguments.isEmpty() ? "" : " (" + arguments.size() + " arguments)");
    }
}
