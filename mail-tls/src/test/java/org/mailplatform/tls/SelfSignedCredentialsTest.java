package org.mailplatform.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.interfaces.ECPublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SelfSignedCredentialsTest {

    @Test
    void issuesAnEcdsaP256CertificateForTheHostnameAndLoopback() throws Exception {
        TlsCredentials credentials = SelfSignedCredentials.generate("mail.local.test");
        X509Certificate certificate = credentials.leaf();

        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "mail.local.test"), List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity();
        assertThat(credentials.notAfter()).isAfter(Instant.now().plusSeconds(300L * 24 * 3600));
    }

    @Test
    void serverTlsWithoutADirectoryServesAFreshSelfSignedCertificate() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ServerTls tls = ServerTls.start(TlsSettings.of("", "mail.local.test"), registry);
             TlsEchoServer server = new TlsEchoServer(tls)) {
            assertThat(tls.isSelfSigned()).isTrue();
            assertThat(registry.get("mail.tls.certificate.expiry").tag("source", "self-signed").gauge().value())
                    .isEqualTo(tls.credentials().notAfter().getEpochSecond());

            javax.net.ssl.SSLContext client = javax.net.ssl.SSLContext.getInstance("TLS");
            client.init(null, io.netty.handler.ssl.util.InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            try (TlsTestClient connection = new TlsTestClient(client, server.port())) {
                assertThat(connection.peerCertificate()).isEqualTo(tls.credentials().leaf());
                assertThat(connection.echo("hello\r\n")).isEqualTo("hello\r\n");
            }
        }
        assertThat(registry.find("mail.tls.certificate.expiry").gauge()).as("removed on close").isNull();
    }
}
