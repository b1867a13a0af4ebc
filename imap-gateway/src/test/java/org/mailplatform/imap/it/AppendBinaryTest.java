package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * APPEND of a literal8 with NUL octets (RFC 3516 4.4): BODY[] never sends them in a literal
 * (RFC 9051 4.3), the part comes back base64-encoded, and BINARY[] gives the original octets in a
 * literal8 (RFC 3516 4.2).
 */
class AppendBinaryTest extends ImapTestBase {

    private static final byte[] BODY = {0, '-', (byte) 0xE4, '\r', '\n', '\r', '\n'};

    @Test
    void nulOctetsAreStoredSoThatOnlyBinaryFetchReturnsThem() throws Exception {
        Account account = newAccount();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(("From: user@domain.org\r\nDate: Sat, 24 Mar 2007 23:00:00 +0200\r\nMime-Version: 1.0\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(BODY);
        byte[] bytes = message.toByteArray();
        try (RawImap imap = loggedIn(account)) {
            String tag = imap.nextTag();
            imap.write(tag + " APPEND INBOX ~{" + bytes.length + "}\r\n");
            assertThat(imap.readLine()).startsWith("+ ");
            imap.write(bytes);
            imap.write("\r\n");
            assertThat(RawImap.last(imap.readUntilTagged(tag))).contains("OK [APPENDUID");
            imap.command("SELECT INBOX");

            List<String> body = imap.command("FETCH 1 (BODY.PEEK[1])");
            assertThat(body.getFirst()).isEqualTo("* 1 FETCH (BODY[1] {14}\r\nAC3kDQoNCg==\r\n)");
            assertThat(imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (CONTENT-TRANSFER-ENCODING)])").getFirst())
                    .endsWith("\r\nContent-Transfer-Encoding: base64\r\n\r\n)");
            List<String> binary = imap.command("FETCH 1 (BINARY.SIZE[1] BINARY.PEEK[1])");
            assertThat(binary.getFirst()).isEqualTo("* 1 FETCH (BINARY.SIZE[1] 7 BINARY[1] ~{7}\r\n"
                    + new String(BODY, StandardCharsets.UTF_8) + ")");
            assertThat(imap.command("FETCH 1 (BODY.PEEK[])").getFirst()).doesNotContain("\0");
        }
    }
}
