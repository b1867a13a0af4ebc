package org.mailplatform.mta.client;

import java.util.List;

/**
 * The outcome of one mail transaction.
 *
 * @param recipients     one result per recipient of the message, in order
 * @param senderRefused  MAIL FROM itself was refused: every recipient shares that reply, and a
 *                       temporary refusal may be worth another host
 * @param peerDsn        the peer announced DSN (RFC 3461), so it received NOTIFY/ORCPT and
 *                       answers for success notices from here on; otherwise a delivered
 *                       recipient counts as "relayed" (RFC 3461 5.2.2)
 */
public record TransactionResult(List<RecipientResult> recipients, boolean senderRefused, boolean peerDsn) {

    public TransactionResult {
        recipients = List.copyOf(recipients);
    }
}
