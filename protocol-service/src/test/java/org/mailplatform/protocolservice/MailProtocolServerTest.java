package org.mailplatform.protocolservice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.Line;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolSession;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.SessionContext;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.tls.ServerTls;
import org.mailplatform.tls.TlsSettings;

class MailProtocolServerTest {

    /** Greets and echoes: the smallest protocol there is. */
    static final class Greeter implements ProtocolSessionFactory {
        @Override
        public ProtocolSession open(SessionContext context) {
            return new ProtocolSession() {
                @Override
                public void onConnect() {
                    context.write("hello\r\n");
                }

                @Override
                public void onLine(Line line) {
                    context.write(line.ascii() + "\r\n");
                }
            };
        }

        @Override
        public byte[] tooManyConnectionsReply() {
            return "busy\r\n".getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static String greeting(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** Spring stops and starts lifecycle beans again (paused test contexts): the listeners must come back. */
    @Test
    void servesAgainAfterStopAndStart() throws Exception {
        try (ServerTls tls = ServerTls.start(TlsSettings.selfSigned("localhost"), null)) {
            MailProtocolServer server = new MailProtocolServer("test", new Greeter(),
                    List.of(new ListenerSpec("plain", "127.0.0.1", 0, TlsMode.NONE)), KernelSettings.defaults(), tls, null);
            server.start();
            assertThat(server.isRunning()).isTrue();
            assertThat(greeting(server.boundPort("plain"))).isEqualTo("hello");
            server.stop();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(greeting(server.boundPort("plain"))).isEqualTo("hello");
            server.stop();
        }
    }
}
