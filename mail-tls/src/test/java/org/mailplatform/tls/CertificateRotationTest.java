package org.mailplatform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRotationTest {

    private static final TestPki PKI = new TestPki();

    @TempDir
    Path secret;

    private int generation;

    @Test
    void newHandshakesGetTheRotatedCertificateWhileOpenConnectionsKeepWorking() throws Exception {
        TestPki.Issued first = PKI.issueEc("mail.example.test");
        TestPki.Issued second = PKI.issueRsa("mail.example.test");
        publish(first.certificate(), first.keyPair().getPrivate());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (ServerTls tls = ServerTls.start(settings(), registry);
             TlsEchoServer server = new TlsEchoServer(tls);
             TlsTestClient before = new TlsTestClient(PKI.clientContext(), server.port())) {
            assertThat(before.peerCertificate()).isEqualTo(first.certificate());
            assertThat(expiryGauge(registry)).isEqualTo(first.certificate().getNotAfter().toInstant().getEpochSecond());

            publish(second.certificate(), second.keyPair().getPrivate());
            await().atMost(Duration.ofSeconds(10)).until(() -> tls.credentials().leaf().equals(second.certificate()));

            try (TlsTestClient after = new TlsTestClient(PKI.clientContext(), server.port())) {
                assertThat(after.peerCertificate()).isEqualTo(second.certificate());
                assertThat(after.echo("after\r\n")).isEqualTo("after\r\n");
            }
            assertThat(before.echo("still here\r\n")).isEqualTo("still here\r\n");
            assertThat(before.peerCertificate()).isEqualTo(first.certificate());
            assertThat(registry.get("mail.tls.reloads").tag("result", "success").counter().count()).isEqualTo(1);
            assertThat(expiryGauge(registry)).isEqualTo(second.certificate().getNotAfter().toInstant().getEpochSecond());
        }
    }

    @Test
    void aBrokenNewPairIsRejectedAndTheOldCertificateStaysInService() throws Exception {
        TestPki.Issued good = PKI.issueEc("mail.example.test");
        TestPki.Issued stranger = PKI.issueEc("mail.example.test");
        TestPki.Issued next = PKI.issueEc("mail.example.test");
        publish(good.certificate(), good.keyPair().getPrivate());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (ServerTls tls = ServerTls.start(settings(), registry);
             TlsEchoServer server = new TlsEchoServer(tls)) {
            publish(next.certificate(), stranger.keyPair().getPrivate());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> registry.get("mail.tls.reloads").tag("result", "failure").counter().count() == 1);

            try (TlsTestClient client = new TlsTestClient(PKI.clientContext(), server.port())) {
                assertThat(client.peerCertificate()).isEqualTo(good.certificate());
            }
            assertThat(tls.reloadIfChanged()).as("the rejected pair is not retried until it changes").isFalse();

            publish(next.certificate(), next.keyPair().getPrivate());
            await().atMost(Duration.ofSeconds(10)).until(() -> tls.credentials().leaf().equals(next.certificate()));
            assertThat(registry.get("mail.tls.reloads").tag("result", "failure").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void aBadPairAtStartFailsTheStart() throws Exception {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        publish(issued.certificate(), TestPki.ecKeyPair().getPrivate());

        assertThatThrownBy(() -> ServerTls.start(settings(), null)).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> ServerTls.start(TlsSettings.fromDirectory(secret.resolve("missing"), "h"), null))
                .isInstanceOf(InvalidCredentialsException.class);
    }

    private TlsSettings settings() {
        return TlsSettings.fromDirectory(secret, "mail.example.test").withReloadInterval(Duration.ofMillis(100));
    }

    private double expiryGauge(SimpleMeterRegistry registry) {
        return registry.get("mail.tls.certificate.expiry").tag("source", "files").gauge().value();
    }

    /**
     * Publishes a pair the way the kubelet updates a mounted secret: the files go into a new timestamped
     * directory, then the {@code ..data} link is atomically re-pointed at it; {@code tls.crt} and
     * {@code tls.key} are links through {@code ..data} and never change themselves.
     */
    private void publish(java.security.cert.X509Certificate certificate, java.security.PrivateKey key) throws IOException {
        Path version = Files.createDirectory(secret.resolve("..version_" + (++generation)));
        Files.write(version.resolve("tls.crt"), TestPki.certificatesPem(certificate));
        Files.write(version.resolve("tls.key"), TestPki.pkcs8KeyPem(key));
        Path link = Files.createSymbolicLink(secret.resolve("..data_tmp"), version.getFileName());
        Files.move(link, secret.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        for (String name : new String[] {"tls.crt", "tls.key"}) {
            if (!Files.exists(secret.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(secret.resolve(name), Path.of("..data", name));
            }
        }
    }
}
