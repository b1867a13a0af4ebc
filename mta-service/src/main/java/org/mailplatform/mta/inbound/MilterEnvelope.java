package org.mailplatform.mta.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.mailplatform.mta.milter.EnvelopeEdit;
import org.mailplatform.smtp.MailPath;
import org.mailplatform.smtp.MailPathParser;
import org.mailplatform.smtp.RcptParameters;
import org.mailplatform.smtp.SmtpReply;
import org.mailplatform.smtp.SmtpSyntaxException;
import org.mailplatform.smtp.SmtpTransaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the milters' envelope changes (SMFIR_CHGFROM, SMFIR_ADDRCPT, SMFIR_DELRCPT) to the
 * transaction before it is handed on, as Postfix's cleanup does. An added recipient goes through
 * the same check as a RCPT TO on port 25 (one of our recipients, or it is dropped and logged: a
 * milter cannot make this MTA relay); a deleted one is matched by address, case-insensitively.
 * An address that is not a valid path is dropped and logged.
 */
final class MilterEnvelope {

    private static final Logger log = LoggerFactory.getLogger(MilterEnvelope.class);

    /** Checks an added recipient as RCPT TO would; null means accepted. */
    @FunctionalInterface
    interface RecipientCheck {
        SmtpReply check(MailPath recipient);
    }

    private final RecipientCheck recipients;
    private final MilterMetrics metrics;

    MilterEnvelope(RecipientCheck recipients, MilterMetrics metrics) {
        this.recipients = recipients;
        this.metrics = metrics;
    }

    /** The transaction with the edits applied in order; its recipient list may end up empty. */
    SmtpTransaction apply(SmtpTransaction tx, List<EnvelopeEdit> edits) {
        if (edits.isEmpty()) {
            return tx;
        }
        MailPath from = tx.from();
        List<SmtpTransaction.Recipient> rcpts = new ArrayList<>(tx.recipients());
        for (EnvelopeEdit edit : edits) {
            switch (edit) {
                case EnvelopeEdit.ChangeSender change -> {
                    try {
                        from = MailPathParser.parseReversePath(bracketed(change.address())).path();
                        metrics.envelope("change_sender");
                    } catch (SmtpSyntaxException e) {
                        dropped("change_sender", change.address(), "not a reverse-path");
                    }
                }
                case EnvelopeEdit.DeleteRecipient delete -> {
                    String address = unbracketed(delete.address());
                    if (rcpts.removeIf(r -> r.path().address().equalsIgnoreCase(address))) {
                        metrics.envelope("delete_recipient");
                    }
                }
                case EnvelopeEdit.AddRecipient add -> {
                    MailPath path;
                    try {
                        path = MailPathParser.parseForwardPath(bracketed(add.address())).path();
                    } catch (SmtpSyntaxException e) {
                        dropped("add_recipient", add.address(), "not a forward-path");
                        continue;
                    }
                    if (rcpts.stream().anyMatch(r -> r.path().address().equalsIgnoreCase(path.address()))) {
                        continue;
                    }
                    SmtpReply refusal = recipients.check(path);
                    if (refusal != null) {
                        dropped("add_recipient", add.address(), refusal.code() + " " + String.join(" ", refusal.lines()));
                        continue;
                    }
                    rcpts.add(new SmtpTransaction.Recipient(path, new RcptParameters(Set.of(), null)));
                    metrics.envelope("add_recipient");
                }
            }
        }
        return new SmtpTransaction(from, tx.parameters(), rcpts);
    }

    private void dropped(String action, String address, String why) {
        metrics.envelope(action + "_refused");
        log.warn("milter {} of {} not applied: {}", action.replace('_', ' '), address, why);
    }

    private static String bracketed(String address) {
        return address.startsWith("<") ? address : "<" + address + ">";
    }

    private static String unbracketed(String address) {
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.toLowerCase(Locale.ROOT);
    }
}
