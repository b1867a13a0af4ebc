package org.mailplatform.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;
import org.mailplatform.store.delivery.RecipientDelivery;

/** RETR, TOP, LIST and UIDL on the wire: exact sizes, byte-stuffing, streaming of large messages. */
class RetrieveTest extends Pop3IntegrationTest {

    @Test
    void retrStuffsLeadingDotsOnTheWireAndSendsExactlyTheListedOctets() throws Exception {
        Account account = newAccount();
        String msg = message("dots", ".one\r\n..two\r\n.\r\nplain\r\n");
        deliver(account, msg);
        byte[] stored = stored(account, msg);
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(client.command("LIST 1")).isEqualTo("+OK 1 " + stored.length);
            assertThat(client.command("RETR 1")).isEqualTo("+OK " + stored.length + " octets");
            byte[] body = client.rawBody();
            String wire = new String(body, StandardCharsets.UTF_8);
            assertThat(wire).endsWith("\r\n\r\n..one\r\n...two\r\n..\r\nplain\r\n.\r\n");
            assertThat(RawPop3.unstuff(body)).isEqualTo(stored);
            // The connection carries on after a multi-line response.
            assertThat(client.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void messagesReadInBatchesComeOutExactInAnyOrder() throws Exception {
        Account account = newAccount();
        List<String> messages = List.of(message("one", ".first\r\n"), message("two", "second\r\n"),
                message("three", "third\r\n"), message("four", "fourth\r\n"), message("five", "fifth\r\n"));
        for (String m : messages) {
            deliver(account, m);
        }
        byte[] large = largeMessage(300 * 1024);
        deliver(account, large);
        ByteArrayOutputStream largeStored = new ByteArrayOutputStream();
        largeStored.writeBytes(("Delivered-To: " + account.address() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        largeStored.writeBytes(large);
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            for (int n : new int[] {1, 2, 6, 3, 5, 4, 1, 5}) {
                assertThat(client.command("RETR " + n)).startsWith("+OK ");
                byte[] expected = n == 6 ? largeStored.toByteArray() : stored(account, messages.get(n - 1));
                assertThat(RawPop3.unstuff(client.rawBody())).as("message %d", n).isEqualTo(expected);
            }
            assertThat(client.command("DELE 3")).startsWith("+OK");
            assertThat(client.command("RETR 3")).startsWith("-ERR");
            assertThat(client.command("RETR 2")).startsWith("+OK ");
            assertThat(RawPop3.unstuff(client.rawBody())).isEqualTo(stored(account, messages.get(1)));
        }
    }

    @Test
    void aMessageWithoutFinalLineEndStillEndsWithATerminatorLine() throws Exception {
        Account account = newAccount();
        String msg = message("open end", "no line end");
        deliver(account, msg);
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("RETR 1");
            assertThat(new String(client.rawBody(), StandardCharsets.UTF_8)).endsWith("\r\n\r\nno line end\r\n.\r\n");
        }
    }

    @Test
    void aLargeMessageStreamsByteExact() throws Exception {
        Account account = newAccount();
        byte[] msg = largeMessage(3 * 1024 * 1024 + 17);
        deliver(account, msg);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(("Delivered-To: " + account.address() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(msg);
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            assertThat(client.command("STAT")).isEqualTo("+OK 1 " + expected.size());
            assertThat(client.command("RETR 1")).isEqualTo("+OK " + expected.size() + " octets");
            assertThat(RawPop3.unstuff(client.rawBody())).isEqualTo(expected.toByteArray());
            assertThat(client.command("TOP 1 2")).isEqualTo("+OK top of message follows");
            String top = new String(RawPop3.unstuff(client.rawBody()), StandardCharsets.US_ASCII);
            assertThat(top).matches("(?s)Delivered-To: .*\r\n\r\nline 0 [a-z]*\r\n\\.line 1[a-z]*\r\n");
        }
    }

    @Test
    void topGivesHeaderBlankLineAndTheAskedBodyLines() throws Exception {
        Account account = newAccount();
        String msg = message("top", "b1\r\n.b2\r\nb3\r\n");
        deliver(account, msg);
        String header = new String(stored(account, msg), StandardCharsets.UTF_8);
        header = header.substring(0, header.indexOf("\r\n\r\n") + 4);
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("TOP 1 0");
            assertThat(new String(RawPop3.unstuff(client.rawBody()), StandardCharsets.UTF_8)).isEqualTo(header);
            client.command("TOP 1 2");
            byte[] two = client.rawBody();
            assertThat(new String(two, StandardCharsets.UTF_8)).endsWith("\r\n\r\nb1\r\n..b2\r\n.\r\n");
            client.command("TOP 1 99");
            assertThat(RawPop3.unstuff(client.rawBody())).isEqualTo(stored(account, msg));
            assertThat(client.command("TOP 1 -1")).isEqualTo("-ERR Invalid number of lines");
            assertThat(client.command("TOP 1")).isEqualTo("-ERR Missing argument");
        }
    }

    @Test
    void listAndUidlSkipDeletedMessages() throws Exception {
        Account account = newAccount();
        RecipientDelivery d1 = deliver(account, message("1", "a\r\n"));
        RecipientDelivery d2 = deliver(account, message("2", "b\r\n"));
        RecipientDelivery d3 = deliver(account, message("3", "c\r\n"));
        try (RawPop3 client = RawPop3.login(stlsPort(), account.address().toString(), PASSWORD)) {
            client.command("DELE 2");
            List<String> uidl = client.multiLine("UIDL");
            assertThat(uidl.subList(1, uidl.size())).containsExactly(
                    "1 " + d1.uidValidity() + "." + d1.uid(), "3 " + d3.uidValidity() + "." + d3.uid());
            assertThat(client.command("UIDL 3")).isEqualTo("+OK 3 " + d3.uidValidity() + "." + d3.uid());
            assertThat(client.command("UIDL 2")).isEqualTo("-ERR Message 2 already deleted");
            List<String> list = client.multiLine("LIST");
            assertThat(list.getFirst()).startsWith("+OK 2 messages");
            assertThat(list.subList(1, list.size())).extracting(l -> l.split(" ")[0]).containsExactly("1", "3");
            assertThat(client.command("LIST 2")).isEqualTo("-ERR Message 2 already deleted");
            assertThat(d2.uid()).isGreaterThan(d1.uid());
        }
    }

    /** Lines of varied length, every other one starting with a dot, all CRLF. */
    private static byte[] largeMessage(int minimumSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Subject: large\r\nFrom: a@example.org\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(42);
        for (int i = 0; out.size() < minimumSize; i++) {
            StringBuilder line = new StringBuilder(i % 2 == 0 ? "line " + i + " " : ".line " + i);
            int extra = random.nextInt(120);
            for (int j = 0; j < extra; j++) {
                line.append((char) ('a' + random.nextInt(26)));
            }
            out.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
