package org.mailplatform.store.message;

/** The flag part of an IMAP STORE (RFC 9051 §6.4.6): {@code FLAGS}, {@code +FLAGS} or {@code -FLAGS}. */
public record FlagChange(Mode mode, MessageFlags flags) {

    public enum Mode { REPLACE, ADD, REMOVE }

    public static FlagChange add(MessageFlags flags) {
        return new FlagChange(Mode.ADD, flags);
    }

    public static FlagChange remove(MessageFlags flags) {
        return new FlagChange(Mode.REMOVE, flags);
    }

    public static FlagChange replace(MessageFlags flags) {
        return new FlagChange(Mode.REPLACE, flags);
    }
}
