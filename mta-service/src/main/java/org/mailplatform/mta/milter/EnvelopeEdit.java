package org.mailplatform.mta.milter;

/**
 * A change to the envelope a milter asked for at end of message. Addresses are as the milter sent
 * them (with or without angle brackets), byte strings like {@link HeaderEdit}'s.
 */
public sealed interface EnvelopeEdit {

    String address();

    /** SMFIR_ADDRCPT, or SMFIR_ADDRCPT_PAR with ESMTP arguments (not applied). */
    record AddRecipient(String address) implements EnvelopeEdit {
    }

    /** SMFIR_DELRCPT. */
    record DeleteRecipient(String address) implements EnvelopeEdit {
    }

    /** SMFIR_CHGFROM: a new reverse-path (its ESMTP arguments are not applied). */
    record ChangeSender(String address) implements EnvelopeEdit {
    }
}
