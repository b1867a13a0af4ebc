package org.mailplatform.store.delivery;

/**
 * What happened for one recipient. Mailbox, UID and MODSEQ are set for {@link Status#DELIVERED}
 * and {@link Status#DUPLICATE} (the copy made the first time) and 0 otherwise.
 *
 * @param copy the {@link DeliveryTarget#copy()} this outcome is for
 */
public record RecipientDelivery(long accountId, Status status, long mailboxId, long uidValidity, long uid,
                                long modseq, long size, String copy) {

    public RecipientDelivery {
        copy = copy == null ? "" : copy;
    }

    public RecipientDelivery(long accountId, Status status, long mailboxId, long uidValidity, long uid, long modseq,
                             long size) {
        this(accountId, status, mailboxId, uidValidity, uid, modseq, size, "");
    }

    public enum Status {
        /** Stored now. */
        DELIVERED,
        /** Stored by an earlier delivery of the same queue id; nothing was added. */
        DUPLICATE,
        /** RFC 3463 X.2.2 mailbox full: nothing stored for this recipient. */
        OVER_QUOTA,
        /** The account no longer exists (deleted after the recipient was resolved). */
        NO_SUCH_ACCOUNT
    }
}
