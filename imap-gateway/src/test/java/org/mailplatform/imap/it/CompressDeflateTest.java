package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * COMPRESS=DEFLATE (RFC 4978) over implicit TLS, with the JDK's own raw DEFLATE on the client side:
 * the go-ahead arrives uncompressed, then both directions are compressed, replies can be read as
 * soon as they arrive (each ends in a sync flush), and a second COMPRESS is refused.
 */
class CompressDeflateTest extends ImapTestBase {

    /** A line-oriented client whose streams can be swapped for compressing ones. */
    private static final class Client implements AutoCloseable {
        private final Socket socket;
        private final CountingInput wire;
        private InputStream in;
        private OutputStream out;
        private int tags;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(15_000);
            this.wire = new CountingInput(socket.getInputStream());
            this.in = wire;
            this.out = socket.getOutputStream();
        }

        void compress() throws IOException {
            in = new InflaterInputStream(wire, new Inflater(true));
            out = new DeflaterOutputStream(socket.getOutputStream(), new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        }

        String tag() {
            return "C" + tags;
        }

        List<String> command(String command) throws IOException {
            tags++;
            out.write((tag() + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = readLine();
                lines.add(line);
                if (line.startsWith(tag() + " ")) {
                    return lines;
                }
            }
        }

        /** A line, with the octets of a literal it announces appended. */
        String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed after " + line);
                }
                line.write(b);
            }
            String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
            if (text.endsWith("}") && text.lastIndexOf('{') > 0) {
                int size = Integer.parseInt(text.substring(text.lastIndexOf('{') + 1, text.length() - 1));
                return text + "\r\n" + new String(in.readNBytes(size), StandardCharsets.UTF_8) + readLine();
            }
            return text;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Counts the octets that came over the wire (inside TLS). */
    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    private Client loggedInClient(Account account) throws Exception {
        Client client = new Client(RawImap.trustAll().getSocketFactory().createSocket("127.0.0.1", implicitTlsPort()));
        assertThat(client.readLine()).startsWith("* OK");
        assertThat(RawImap.last(client.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains(" OK ");
        return client;
    }

    @Test
    void capabilityAdvertisesCompressDeflate() throws Exception {
        try (RawImap imap = loggedIn(newAccount())) {
            assertThat(imap.command("CAPABILITY").getFirst()).contains(" COMPRESS=DEFLATE");
        }
    }

    @Test
    void bothDirectionsAreCompressedAfterTheGoAheadAndASecondCompressIsRefused() throws Exception {
        Account account = newAccount();
        String body = "All work and no play makes Jack a dull boy.\r\n".repeat(2000);
        String message = TestMessages.simple("compressed") + body;
        try (Client client = loggedInClient(account)) {
            assertThat(client.command("COMPRESS DEFLATE")).containsExactly("C2 OK DEFLATE active");
            client.compress();

            assertThat(client.command("NOOP")).containsExactly("C3 OK NOOP completed");
            int octets = message.getBytes(StandardCharsets.UTF_8).length;
            assertThat(RawImap.last(client.command("APPEND INBOX {" + octets + "+}\r\n" + message))).contains("OK [APPENDUID");
            assertThat(RawImap.last(client.command("SELECT INBOX"))).contains("OK [READ-WRITE]");

            long before = client.wire.count;
            List<String> fetch = client.command("FETCH 1 BODY.PEEK[TEXT]");
            long onTheWire = client.wire.count - before;
            assertThat(fetch.getFirst()).endsWith(body + ")")
                    .contains("Hello, this is the body of compressed.");
            assertThat(onTheWire).isLessThan(body.length() / 10);

            assertThat(client.command("COMPRESS DEFLATE")).containsExactly("C7 NO [COMPRESSIONACTIVE] DEFLATE is already active");
            assertThat(client.command("LOGOUT")).containsExactly("* BYE Logging out", "C8 OK LOGOUT completed");
        }
    }

    @Test
    void compressIsForLoggedInClientsAndOnlyWithDeflate() throws Exception {
        Account account = newAccount();
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            assertThat(RawImap.last(imap.command("COMPRESS DEFLATE"))).startsWith("T1 BAD ");
            imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD));
            assertThat(RawImap.last(imap.command("COMPRESS GZIP"))).startsWith("T3 BAD ");
            assertThat(RawImap.last(imap.command("COMPRESS"))).startsWith("T4 BAD ");
            assertThat(imap.command("NOOP")).containsExactly("T5 OK NOOP completed");
        }
    }
}
