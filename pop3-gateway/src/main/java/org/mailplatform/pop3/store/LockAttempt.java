package org.mailplatform.pop3.store;

/** The result of trying to lock a maildrop. */
public sealed interface LockAttempt {

    /** This session holds the maildrop until it closes {@code lock}. */
    record Acquired(MaildropLock lock) implements LockAttempt {
    }

    /** Another session (on any replica) holds it: RFC 2449 8.1.1 IN-USE. */
    record InUse() implements LockAttempt {
    }

    /** This replica holds as many maildrops as it is allowed to; another replica or a later try may succeed. */
    record Busy() implements LockAttempt {
    }

    /** The database could not be reached. */
    record Unavailable() implements LockAttempt {
    }
}
