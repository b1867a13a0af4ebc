package org.mailplatform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class StartTlsTest extends ServerFixture {

    @Test
    void upgradesAPlaintextConnectionAndReportsTheNegotiatedParameters() throws Exception {
        start(fastSettings(), listener("starttls", TlsMode.STARTTLS));
        try (LineClient client = LineClient.connect(port("starttls"))) {
            assertThat(client.readLine()).endsWith("tls=false");
            assertThat(client.command("TLS")).isEqualTo("-ERR plaintext");

            assertThat(client.command("STARTTLS")).isEqualTo("+OK begin TLS");
            client.upgrade(trustingServer());

            assertThat(client.command("TLS")).matches("\\+OK TLSv1\\.3 TLS_(AES|CHACHA20)_\\S+");
            assertThat(client.peerCertificate()).isEqualTo(tls.certificate());
            assertThat(client.command("STARTTLS")).as("only once per connection").isEqualTo("-ERR TLS not available");
        }
        assertThat(counter("mail.kernel.tls.handshakes", "mode", "starttls", "result", "success")).isEqualTo(1);
    }

    @Test
    void discardsCommandsInjectedBehindStartTlsInTheSamePacket() throws Exception {
        start(fastSettings(), listener("starttls", TlsMode.STARTTLS));
        try (LineClient client = LineClient.connect(port("starttls"))) {
            client.readLine();

            client.send("STARTTLS\r\nINJECTED\r\n");

            assertThat(client.readLine()).isEqualTo("+OK begin TLS");
            client.upgrade(trustingServer());
            assertThat(client.command("NOOP")).isEqualTo("+OK echo NOOP");
        }
        assertThat(protocol.lines()).containsExactly("STARTTLS", "NOOP");
        await().until(() -> counter("mail.kernel.starttls.discarded", "listener", "starttls") == 1);
    }

    @Test
    void eachHandshakeUsesTheCertificateCurrentAtThatMoment() throws Exception {
        start(fastSettings(), listener("starttls", TlsMode.STARTTLS));
        X509Certificate before = tls.certificate();
        try (LineClient early = LineClient.connect(port("starttls"))) {
            early.readLine();
            early.command("STARTTLS");
            early.upgrade(trustingServer());
            assertThat(early.peerCertificate()).isEqualTo(before);

            tls.rotate();

            try (LineClient late = LineClient.connect(port("starttls"))) {
                late.readLine();
                late.command("STARTTLS");
                late.upgrade(TestTls.clientTrusting(tls.certificate()));
                assertThat(late.peerCertificate()).isEqualTo(tls.certificate()).isNotEqualTo(before);
            }
            assertThat(early.command("NOOP")).isEqualTo("+OK echo NOOP");
        }
    }

    @Test
    void aPlaintextListenerNeverOffersTls() throws Exception {
        start(fastSettings(), listener("plain", TlsMode.NONE));
        try (LineClient client = LineClient.connect(port("plain"))) {
            client.readLine();
            assertThat(client.command("STARTTLS")).isEqualTo("-ERR TLS not available");
            assertThat(client.command("NOOP")).isEqualTo("+OK echo NOOP");
        }
    }

    @Test
    void aClientThatAnswersTheGoAheadWithoutTlsIsDisconnected() throws Exception {
        start(fastSettings(), listener("starttls", TlsMode.STARTTLS));
        try (LineClient client = LineClient.connect(port("starttls"))) {
            client.readLine();
            assertThat(client.command("STARTTLS")).isEqualTo("+OK begin TLS");

            client.send("NOOP this is not a TLS record\r\n");

            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> counter("mail.kernel.tls.handshakes", "mode", "starttls", "result", "failure") == 1);
        assertThat(protocol.lines()).containsExactly("STARTTLS");
    }

    @Test
    void implicitTlsEncryptsFromTheFirstByte() throws Exception {
        start(fastSettings(), listener("implicit", TlsMode.IMPLICIT));
        try (LineClient client = LineClient.connectTls(trustingServer(), port("implicit"))) {
            assertThat(client.readLine()).endsWith("implicit tls=true");
            assertThat(client.command("TLS")).startsWith("+OK TLSv1.3 ");
            assertThat(client.command("STARTTLS")).isEqualTo("-ERR TLS not available");
        }
        assertThat(counter("mail.kernel.tls.handshakes", "mode", "implicit", "result", "success")).isEqualTo(1);
    }

    @Test
    void aPlaintextClientOnAnImplicitTlsPortNeverReachesASession() throws Exception {
        start(fastSettings(), listener("implicit", TlsMode.IMPLICIT));
        try (LineClient client = LineClient.connect(port("implicit"))) {
            client.send("EHLO plaintext.example\r\n");
            assertThat(client.closedByServer()).isTrue();
        }
        await().until(() -> counter("mail.kernel.tls.handshakes", "mode", "implicit", "result", "failure") == 1);
        assertThat(protocol.journal).isEmpty();
    }

    private SSLContext trustingServer() {
        return TestTls.clientTrusting(tls.certificate());
    }
}
