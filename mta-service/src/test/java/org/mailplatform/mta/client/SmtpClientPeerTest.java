package org.mailplatform.mta.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.mta.testing.TestPeer;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.Recipient;
import org.mailplatform.smtp.SmtpSettings;

/** The client against the platform's own SMTP server on loopback. */
class SmtpClientPeerTest {

    static TestPeer peer;
    static SmtpClient client;

    @BeforeAll
    static void start() {
        peer = TestPeer.transfer("peer.test");
        client = client(SmtpClientSettings.defaults("client.test").withAllTimeouts(Duration.ofSeconds(5)), null);
    }

    @AfterAll
    static void stop() {
        peer.close();
    }

    private static SmtpClient client(SmtpClientSettings settings, Path caFile) {
        return new SmtpClient(settings, ClientTls.create(caFile), SmtpClientListener.NONE);
    }

    private static InetSocketAddress at(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@peer.test";
    }

    private static OutgoingMessage message(String text, String... to) {
        return new OutgoingMessage("sender@example.org", List.of(to).stream().map(Recipient::of).toList(),
                text.getBytes(StandardCharsets.UTF_8), BodyType.SEVEN_BIT, false, null, null);
    }

    @Test
    void deliversOverStartTlsWithPipelining() throws Exception {
        String to = unique("ok");
        try (SmtpClientSession session = client.connect(at(peer.port()), "localhost", TlsPolicy.MAY, null)) {
            assertThat(session.tls()).isNotNull();
            assertThat(session.capabilities().pipelining()).isTrue();
            TransactionResult result = session.send(message("Subject: tls\r\n\r\nhello\r\n", to));
            assertThat(result.recipients()).singleElement().satisfies(r -> {
                assertThat(r.outcome().isSuccess()).isTrue();
                assertThat(r.outcome().diagnostic()).startsWith("250 2.0.0");
            });
            assertThat(result.peerDsn()).isTrue();
            session.quit();
        }
        assertThat(peer.receivedFor(to)).singleElement().satisfies(r -> {
            assertThat(r.tls()).isNotNull();
            assertThat(r.tls().protocol()).startsWith("TLSv1.");
            assertThat(r.from()).isEqualTo("sender@example.org");
        });
    }

    @Test
    void storedBareLineEndsGoOutAsCrlfWithDotsDoubled() throws Exception {
        String to = unique("dots");
        String stored = "Subject: dots\n\n.hidden line\n.\nlast\rline";
        try (SmtpClientSession session = client.connect(at(peer.port()), "localhost", TlsPolicy.MAY, null)) {
            TransactionResult result = session.send(message(stored, to));
            assertThat(result.recipients().getFirst().outcome().isSuccess()).isTrue();
        }
        // The peer refuses bare LF (550 5.5.2) and strips one leading dot: what it kept is what was meant.
        assertThat(peer.receivedFor(to)).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("Subject: dots\r\n\r\n.hidden line\r\n.\r\nlast\r\nline\r\n"));
    }

    @Test
    void eachRecipientGetsItsOwnOutcomeAndTheConnectionCarriesTheNextMessage() throws Exception {
        String ok = unique("ok");
        String rejected = unique("reject");
        String deferred = unique("defer");
        String second = unique("ok");
        try (SmtpClientSession session = client.connect(at(peer.port()), "localhost", TlsPolicy.MAY, null)) {
            TransactionResult first = session.send(message("Subject: mixed\r\n\r\nx\r\n", ok, rejected, deferred));
            assertThat(first.recipients()).extracting(r -> r.outcome().kind())
                    .containsExactly(DeliveryOutcome.Kind.SUCCESS, DeliveryOutcome.Kind.PERMANENT, DeliveryOutcome.Kind.TEMPORARY);
            assertThat(first.recipients().get(1).outcome().status()).isEqualTo("5.1.1");
            assertThat(first.recipients().get(1).outcome().diagnostic()).isEqualTo("550 5.1.1 No such user here");
            assertThat(first.recipients().get(2).outcome().status()).isEqualTo("4.3.0");

            TransactionResult none = session.send(message("Subject: none\r\n\r\nx\r\n", unique("reject")));
            assertThat(none.recipients().getFirst().outcome().isPermanent()).isTrue();
            assertThat(session.usable()).isTrue();

            TransactionResult next = session.send(message("Subject: second\r\n\r\ny\r\n", second));
            assertThat(next.recipients().getFirst().outcome().isSuccess()).isTrue();
        }
        TestPeer.Received a = peer.receivedFor(ok).getFirst();
        TestPeer.Received b = peer.receivedFor(second).getFirst();
        assertThat(a.recipients()).containsExactly(ok);
        assertThat(b.sessionId()).isEqualTo(a.sessionId());
    }

    @Test
    void bdatSendsTheExactOctetsWithoutDotStuffing() throws Exception {
        SmtpClient chunking = client(client.settings().withPreferChunking(true), null);
        String to = unique("bdat");
        try (SmtpClientSession session = chunking.connect(at(peer.port()), "localhost", TlsPolicy.MAY, null)) {
            assertThat(session.send(message("Subject: bdat\n\n.dot\n", to)).recipients().getFirst().outcome().isSuccess())
                    .isTrue();
        }
        assertThat(peer.receivedFor(to).getFirst().text()).isEqualTo("Subject: bdat\r\n\r\n.dot\r\n");
    }

    @Test
    void binaryMimeGoesByBdatUntouched() throws Exception {
        String to = unique("binary");
        byte[] binary = "Subject: bin\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\n\r.\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        OutgoingMessage m = new OutgoingMessage("sender@example.org", List.of(Recipient.of(to)), binary,
                BodyType.BINARY_MIME, false, null, null);
        try (SmtpClientSession session = client.connect(at(peer.port()), "localhost", TlsPolicy.MAY, null)) {
            assertThat(session.send(m).recipients().getFirst().outcome().isSuccess()).isTrue();
        }
        assertThat(peer.receivedFor(to).getFirst().message()).isEqualTo(binary);
    }

    @Test
    void aMessageOverThePeersSizeIsRefusedWithoutSendingIt() throws Exception {
        try (TestPeer small = TestPeer.start("small.test", TlsMode.STARTTLS,
                SmtpSettings.transfer("small.test").withMaxMessageSize(100), null);
             SmtpClientSession session = client.connect(at(small.port()), "localhost", TlsPolicy.MAY, null)) {
            TransactionResult result = session.send(message("Subject: big\r\n\r\n" + "x".repeat(200) + "\r\n", unique("big")));
            assertThat(result.recipients().getFirst().outcome()).satisfies(o -> {
                assertThat(o.isPermanent()).isTrue();
                assertThat(o.status()).isEqualTo("5.3.4");
            });
            assertThat(small.received()).isEmpty();
            assertThat(session.usable()).isTrue();
        }
    }

    @Test
    void mandatoryTlsWithoutStartTlsAtThePeerFailsTemporarily() throws Exception {
        try (TestPeer plain = TestPeer.start("plain.test", TlsMode.NONE, SmtpSettings.transfer("plain.test"), null)) {
            assertThatThrownBy(() -> client.connect(at(plain.port()), "plain.test", TlsPolicy.REQUIRE, null))
                    .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.outcome().status()).isEqualTo("4.7.4");
                    });
            try (SmtpClientSession session = client.connect(at(plain.port()), "plain.test", TlsPolicy.MAY, null)) {
                assertThat(session.tls()).isNull();
            }
        }
    }

    @Test
    void credentialsAreNeverSentWithoutTls() throws Exception {
        try (TestPeer plain = TestPeer.start("plain.test", TlsMode.NONE,
                SmtpSettings.submission("plain.test").withAllowPlaintextAuth(true), null)) {
            assertThatThrownBy(() -> client.connect(at(plain.port()), "plain.test", TlsPolicy.MAY,
                    new Credentials("user@example.org", "secret")))
                    .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                        assertThat(e.outcome().status()).isEqualTo("4.7.0");
                        assertThat(e.getMessage()).contains("without TLS").doesNotContain("secret");
                    });
        }
    }

    @Test
    void verifiedTlsTrustsOnlyTheConfiguredCa(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(peer.tls().credentials().chain().getFirst().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        SmtpClient verifying = client(client.settings(), ca);
        try (SmtpClientSession session = verifying.connect(at(peer.port()), "localhost", TlsPolicy.VERIFY, null)) {
            assertThat(session.tls()).isNotNull();
        }
        // The JVM's CAs do not know the self-signed certificate.
        assertThatThrownBy(() -> client.connect(at(peer.port()), "localhost", TlsPolicy.VERIFY, null))
                .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                    assertThat(e.permanent()).isFalse();
                    assertThat(e.outcome().status()).isEqualTo("4.7.5");
                });
        // The certificate is not for this name.
        assertThatThrownBy(() -> verifying.connect(at(peer.port()), "other.example.net", TlsPolicy.VERIFY, null))
                .isInstanceOfSatisfying(SmtpClientException.class, e -> assertThat(e.outcome().status()).isEqualTo("4.7.5"));
    }

    @Test
    void nobodyListeningIsATemporaryConnectFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> client.connect(at(port), "gone.test", TlsPolicy.MAY, null))
                .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                    assertThat(e.outcome().status()).isEqualTo("4.4.1");
                    assertThat(e.getMessage()).contains("gone.test[127.0.0.1]:" + port);
                });
    }

    @Test
    void aSilentPeerTimesOutAndGarbageIsAProtocolError() throws Exception {
        SmtpClient impatient = client(client.settings().withAllTimeouts(Duration.ofMillis(500)), null);
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> hold(silent, null));
            assertThatThrownBy(() -> impatient.connect(at(silent.getLocalPort()), "silent.test", TlsPolicy.MAY, null))
                    .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                        assertThat(e.outcome().status()).isEqualTo("4.4.2");
                        assertThat(e.getMessage()).contains("timeout");
                    });
        }
        try (ServerSocket garbage = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> hold(garbage, "HTTP/1.1 400 Bad Request\r\n"));
            assertThatThrownBy(() -> impatient.connect(at(garbage.getLocalPort()), "web.test", TlsPolicy.MAY, null))
                    .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                        assertThat(e.outcome().status()).isEqualTo("4.5.0");
                        assertThat(e.getMessage()).contains("protocol error");
                    });
        }
        try (ServerSocket refusing = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> hold(refusing, "554 5.7.1 No service for you\r\n"));
            assertThatThrownBy(() -> impatient.connect(at(refusing.getLocalPort()), "no.test", TlsPolicy.MAY, null))
                    .isInstanceOfSatisfying(SmtpClientException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.outcome().status()).isEqualTo("5.7.1");
                    });
        }
    }

    /** Accepts one connection, writes {@code greeting} (if any), then reads until the client goes away. */
    private static void hold(ServerSocket server, String greeting) {
        try (Socket s = server.accept()) {
            OutputStream out = s.getOutputStream();
            if (greeting != null) {
                out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            InputStream in = s.getInputStream();
            while (in.read() >= 0) {
                // Drain whatever the client sends.
            }
        } catch (IOException ignored) {
            // The client closed the connection.
        }
    }
}
