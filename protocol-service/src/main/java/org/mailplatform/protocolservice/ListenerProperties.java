package org.mailplatform.protocolservice;

import org.mailplatform.kernel.TlsMode;

/**
 * One mail listener's {@code port} and {@code tls} (NONE, STARTTLS, IMPLICIT). A port of -1 switches
 * the listener off; 0 binds an ephemeral port (tests). {@link ServiceListeners} declares a service's
 * listeners with these as defaults and binds them from configuration one property at a time.
 */
public record ListenerProperties(int port, TlsMode tls) {
}
