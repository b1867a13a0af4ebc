package org.mailplatform.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerSslContextsTest {

    private static final TestPki PKI = new TestPki();

    @Test
    void prefersOpenSslWhenNettyTcnativeLoads() {
        // netty-tcnative-boringssl-static for linux-x86_64 is on the class path of this build.
        assertThat(OpenSsl.isAvailable()).as(String.valueOf(OpenSsl.unavailabilityCause())).isTrue();
        assertThat(ServerSslContexts.defaultProvider()).isEqualTo(SslProvider.OPENSSL);
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void negotiatesTls13AndTls12WithEcAndRsaKeys(SslProvider provider) throws Exception {
        for (TestPki.Issued issued : List.of(PKI.issueEc("mail.example.test"), PKI.issueRsa("mail.example.test"))) {
            TlsCredentials credentials = new TlsCredentials(issued.keyPair().getPrivate(), List.of(issued.certificate()));
            SslContext context = ServerSslContexts.create(credentials, provider);
            try (TlsEchoServer server = new TlsEchoServer(() -> context)) {
                try (TlsTestClient client = new TlsTestClient(PKI.clientContext(), server.port())) {
                    assertThat(client.socket().getSession().getProtocol()).isEqualTo("TLSv1.3");
                    assertThat(client.echo("NOOP\r\n")).isEqualTo("NOOP\r\n");
                }
                try (TlsTestClient client = new TlsTestClient(PKI.clientContext(), server.port(), "TLSv1.2")) {
                    assertThat(client.socket().getSession().getProtocol()).isEqualTo("TLSv1.2");
                    assertThat(ServerSslContexts.CIPHER_SUITES).contains(client.socket().getSession().getCipherSuite());
                    assertThat(client.peerCertificate()).isEqualTo(issued.certificate());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SslProvider.class, names = {"JDK", "OPENSSL"})
    void refusesClientsOfferingOnlyCbcSuites(SslProvider provider) throws Exception {
        TestPki.Issued issued = PKI.issueEc("mail.example.test");
        SslContext context = ServerSslContexts.create(new TlsCredentials(issued.keyPair().getPrivate(), List.of(issued.certificate())), provider);
        try (TlsEchoServer server = new TlsEchoServer(() -> context)) {
            SSLSocket socket = (SSLSocket) PKI.clientContext().getSocketFactory().createSocket("127.0.0.1", server.port());
            try (socket) {
                socket.setSoTimeout(5_000);
                socket.setEnabledProtocols(new String[] {"TLSv1.2"});
                socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
                assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }
}
