package org.mailplatform.msa;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.mailplatform.testsupport.TestDatabase;
import org.mailplatform.testsupport.TrustAllTls;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The submissions listener (implicit TLS, RFC 8314 3.3) moved by its port alone, on the command line
 * as an operator does: it still speaks TLS from the first byte. The service runs as it does in
 * production, with the real database and a Kafka address where nothing listens (no mail is sent).
 */
class SubmissionsPortOverrideTest {

    @Test
    void implicitTlsListenerMovedByItsPortAloneStillSpeaksTlsFromTheFirstByte() throws Exception {
        int port = freePort();
        TestDatabase db = TestDatabase.get();
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(MsaApplication.class).run(
                "--mailplatform.msa.listeners.submissions.port=" + port,
                "--mailplatform.msa.listeners.submission.port=-1",
                "--mailplatform.msa.listeners.submission-alt.port=-1",
                "--mailplatform.msa.bind-address=127.0.0.1",
                "--mailplatform.hostname=mail.example.test",
                "--mailplatform.kafka.create-topics=false",
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + freePort(),
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + db.password(),
                "--spring.flyway.enabled=true",
                "--server.port=0")) {

            try (SSLSocket tls = (SSLSocket) TrustAllTls.socketFactory().createSocket("127.0.0.1", port)) {
                tls.setSoTimeout(10_000);
                tls.startHandshake();
                String greeting = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(greeting).startsWith("220 mail.example.test");
            }

            // A plaintext client is never greeted: its first line is not a TLS record, and the connection ends.
            try (Socket plain = new Socket("127.0.0.1", port)) {
                plain.setSoTimeout(10_000);
                OutputStream out = plain.getOutputStream();
                out.write("EHLO client.example.test\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = plain.getInputStream();
                int first = in.read();
                assertThat(first).as("first byte from the server").isNotEqualTo((int) '2');
            }
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
