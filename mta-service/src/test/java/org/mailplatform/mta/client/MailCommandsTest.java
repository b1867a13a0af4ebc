package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.OriginalRecipient;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientState;
import org.mailplatform.smtp.SmtpReply;

class MailCommandsTest {

    private static final ServerCapabilities DSN_PEER = ServerCapabilities.fromEhlo(
            new SmtpReply(250, null, List.of("peer.example", "DSN", "SMTPUTF8")));

    private static Recipient withOriginal(String type, String address) {
        return new Recipient("rcpt@peer.example", Set.of(DsnNotify.FAILURE),
                new OriginalRecipient(type, address), RecipientState.PENDING, null, null);
    }

    @Test
    void utf8OriginalRecipientIsSentAsUtf8AddrXtext() {
        String line = MailCommands.rcptTo(withOriginal("utf-8", "jöran+x@bücher.example"), DSN_PEER);

        // RFC 6533 3: "+" and non-ASCII as \x{HEXPOINT}, never the "+HH" of plain xtext.
        assertThat(line).endsWith(" ORCPT=utf-8;j\\x{F6}ran\\x{2B}x@b\\x{FC}cher.example");
    }

    @Test
    void rfc822OriginalRecipientIsSentAsXtext() {
        String line = MailCommands.rcptTo(withOriginal("rfc822", "a+b@peer.example"), DSN_PEER);

        assertThat(line).endsWith(" ORCPT=rfc822;a+2Bb@peer.example");
    }
}
