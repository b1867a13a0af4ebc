package org.mailplatform.smtp;

import java.util.function.UnaryOperator;

import org.mailplatform.kernel.KernelSettings;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.ProtocolServer;
import org.mailplatform.kernel.ProtocolSessionFactory;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.smtp.server.SmtpSessionFactory;

/** The SMTP conversation served by the real kernel on a loopback port, without TLS, for wire-level tests. */
final class SmtpTestServer implements AutoCloseable {

    final RecordingPolicy policy = new RecordingPolicy();
    private final ProtocolServer server;

    SmtpTestServer(SmtpSettings settings) {
        this(settings, factory -> factory);
    }

    /** @param wrap lets a test stand between the kernel and the SMTP session factory */
    SmtpTestServer(SmtpSettings settings, UnaryOperator<ProtocolSessionFactory> wrap) {
        ProtocolSessionFactory factory = wrap.apply(new SmtpSessionFactory(settings, policy, null, null));
        server = ProtocolServer.builder("smtp", factory)
                .settings(KernelSettings.defaults())
                .listener(new ListenerSpec("smtp", "127.0.0.1", 0, TlsMode.NONE))
                .build();
        server.start();
    }

    int port() {
        return server.boundPort("smtp");
    }

    SmtpTestClient connect() throws Exception {
        return new SmtpTestClient(port());
    }

    @Override
    public void close() {
        server.close();
    }
}
