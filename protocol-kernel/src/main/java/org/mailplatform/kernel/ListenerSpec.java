package org.mailplatform.kernel;

import java.util.Objects;

/**
 * One listening socket of a {@link ProtocolServer}.
 *
 * @param name        a short name, unique in the server, used in metrics tags, logs and {@link SessionContext#listenerName()}
 *                    (e.g. {@code submission}, {@code submissions}, {@code imap}, {@code imaps})
 * @param bindAddress the address to bind, e.g. {@code 0.0.0.0}, {@code ::} or {@code 127.0.0.1}
 * @param port        the port; 0 picks a free one (see {@link ProtocolServer#boundPort(String)})
 * @param tlsMode     plaintext, STARTTLS allowed, or TLS from the first byte
 */
public record ListenerSpec(String name, String bindAddress, int port, TlsMode tlsMode) {

    public ListenerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tlsMode, "tlsMode");
        if (name.isBlank()) {
            throw new IllegalArgumentException("listener name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
