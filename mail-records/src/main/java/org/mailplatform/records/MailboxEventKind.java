package org.mailplatform.records;

/** What changed in a mailbox; the IMAP replicas turn it into untagged responses (RFC 9051 7.4). */
public enum MailboxEventKind {
    /** Messages appended: EXISTS (RFC 9051 7.4.1). Carries their UIDs. */
    NEW_MESSAGE(true),
    /** Flags changed: FETCH FLAGS / MODSEQ (RFC 7162 3.2.4). Carries the UIDs. */
    FLAGS_CHANGED(true),
    /** Messages removed: EXPUNGE or VANISHED (RFC 9051 7.5.1, RFC 7162 3.2.10). Carries the UIDs. */
    EXPUNGED(true),
    MAILBOX_CREATED(false),
    MAILBOX_DELETED(false),
    /** Carries the previous name too. */
    MAILBOX_RENAMED(false);

    private final boolean aboutMessages;

    MailboxEventKind(boolean aboutMessages) {
        this.aboutMessages = aboutMessages;
    }

    /** Whether the event names messages by UID (otherwise it names the mailbox itself). */
    public boolean aboutMessages() {
        return aboutMessages;
    }
}
