package org.mailplatform.mta.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.mta.milter.MilterSettings.DefaultAction;

/**
 * What a broken or hostile milter can send never gets past the client: each case ends in the
 * milter's default action, within the timeouts, without an exception escaping the chain. The
 * well-behaved path is tested against a real rspamd (RspamdMilterTest).
 */
class BrokenMilterTest {

    private static final byte[] MESSAGE = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

    private final List<String> verdicts = new CopyOnWriteArrayList<>();
    private ServerSocket listener;

    @AfterEach
    void close() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** Accepts one connection, reads the option negotiation, then writes {@code answer} and keeps the connection open. */
    private InetSocketAddress answering(byte[] answer) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = listener.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                in.readFully(new byte[in.readInt()]);
                OutputStream out = s.getOutputStream();
                out.write(answer);
                out.flush();
                in.readAllBytes();
            } catch (IOException e) {
                // The client hung up: the case is over.
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private MilterChain.Outcome run(InetSocketAddress address, DefaultAction action) {
        MilterSettings settings = new MilterSettings("broken", address, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), action);
        MilterChain chain = new MilterChain(List.of(settings), "mx.example.test",
                (milter, verdict, elapsed) -> verdicts.add(verdict));
        return chain.filter(new MilterRequest("s1", new InetSocketAddress("127.0.0.1", 40000), null, "client.test",
                null, null, null, "a@example.test", List.of(), List.of("b@example.test"), MESSAGE));
    }

    private static byte[] packet(char code, byte[] data) {
        return ByteBuffer.allocate(5 + data.length).putInt(data.length + 1).put((byte) code).put(data).array();
    }

    private static byte[] negotiation(int protocol) {
        return packet('O', ByteBuffer.allocate(12).putInt(6).putInt(0).putInt(protocol).array());
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void anAbsurdPacketLengthIsRefusedWithoutAllocatingIt() throws Exception {
        MilterChain.Outcome outcome = run(answering(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'O'}),
                DefaultAction.TEMPFAIL);

        assertThat(outcome.verdict()).isEqualTo(MilterVerdict.temporarilyRefused());
        assertThat(verdicts).containsExactly("failed");
    }

    @Test
    void protocolStepsThatWereNotOfferedEndTheConversation() throws Exception {
        MilterChain.Outcome outcome = run(answering(negotiation(0x40000000)), DefaultAction.ACCEPT);

        assertThat(outcome.verdict()).isInstanceOf(MilterVerdict.Pass.class);
        assertThat(outcome.message()).isEqualTo(MESSAGE);
        assertThat(verdicts).containsExactly("failed");
    }

    @Test
    void aReplyCodeThatIsNotARefusalIsAProtocolError() throws Exception {
        // Everything but end of message skipped (NO_CONNECT ... NO_BODY): the first reply is the verdict.
        int skipAll = MilterProtocol.NO_CONNECT | MilterProtocol.NO_HELO | MilterProtocol.NO_MAIL | MilterProtocol.NO_RCPT
                | MilterProtocol.NO_BODY | MilterProtocol.NO_HEADERS | MilterProtocol.NO_END_OF_HEADERS
                | MilterProtocol.NO_DATA;
        byte[] answer = concat(negotiation(skipAll), packet('y', "250 2.0.0 fine\0".getBytes(StandardCharsets.US_ASCII)));

        MilterChain.Outcome outcome = run(answering(answer), DefaultAction.REJECT);

        assertThat(outcome.verdict()).isEqualTo(MilterVerdict.rejected());
        assertThat(verdicts).containsExactly("failed");
    }

    @Test
    void aMilterThatSaysNothingTimesOut() throws Exception {
        long start = System.nanoTime();
        MilterChain.Outcome outcome = run(answering(new byte[0]), DefaultAction.TEMPFAIL);

        assertThat(outcome.verdict()).isEqualTo(MilterVerdict.temporarilyRefused());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aHeaderEditWithAnInvalidNameIsAProtocolError() throws Exception {
        int skipAll = MilterProtocol.NO_CONNECT | MilterProtocol.NO_HELO | MilterProtocol.NO_MAIL | MilterProtocol.NO_RCPT
                | MilterProtocol.NO_BODY | MilterProtocol.NO_HEADERS | MilterProtocol.NO_END_OF_HEADERS
                | MilterProtocol.NO_DATA;
        byte[] answer = concat(negotiation(skipAll),
                packet('h', "Bad Name\0value\0".getBytes(StandardCharsets.US_ASCII)), packet('c', new byte[0]));

        MilterChain.Outcome outcome = run(answering(answer), DefaultAction.TEMPFAIL);

        assertThat(outcome.verdict()).isEqualTo(MilterVerdict.temporarilyRefused());
        assertThat(outcome.message()).isEqualTo(MESSAGE);
    }
}
