package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "☺|&Jjo-",
        "Entwürfe|Entw&APw-rfe",
        "&|&-",
        "Tom & Jerry|Tom &- Jerry",
        "~peter/mail/台北/日本語|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
        "Gelöschte Elemente|Gel&APY-schte Elemente",
        "😀 smile|&2D3eAA- smile",
        "INBOX|INBOX",
        "äöü|&AOQA9gD8-",
    })
    void roundTrips(String name, String wire) throws Exception {
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
        assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "&Jjo",          // unterminated
        "&Jj!-",         // not a BASE64 character
        "&AGE-",         // encodes "a", which must stand for itself
        "&Jjo=-",        // padding is not used
        "&Jjp-",         // non-zero padding bits
        "&JjoA-",        // a BASE64 character too many
        "&2D0-",         // a lone high surrogate
        "&Jjo-&Jjo-",    // adjacent sequences must be one
        "Entwürfe",      // raw 8-bit
        "a\tb",          // control character
    })
    void refusesMalformedNames(String wire) {
        assertThatThrownBy(() -> ModifiedUtf7.decode(wire)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void mailboxNamesFollowTheClientsEncoding() throws Exception {
        assertThat(MailboxNames.decode("inbox", false)).isEqualTo("INBOX");
        assertThat(MailboxNames.decode("Entw&APw-rfe", false)).isEqualTo("Entwürfe");
        assertThat(MailboxNames.decode("Entwürfe", true)).isEqualTo("Entwürfe");
        assertThat(MailboxNames.decode("Entw&APw-rfe", true)).isEqualTo("Entw&APw-rfe");
        assertThat(MailboxNames.encode("Entwürfe", false)).isEqualTo("Entw&APw-rfe");
        assertThat(MailboxNames.encode("Entwürfe", true)).isEqualTo("Entwürfe");
        assertThatThrownBy(() -> MailboxNames.decode("Entwürfe", false)).isInstanceOf(ImapSyntaxException.class);
    }
}
