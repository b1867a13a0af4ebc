package org.mailplatform.protocolservice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TlsMode;

/**
 * One configured listener: {@code port} and {@code tls} (NONE, STARTTLS, IMPLICIT). A port of -1
 * switches the listener off; 0 binds an ephemeral port (tests).
 */
public record ListenerProperties(int port, TlsMode tls) {

    /** Listener specs from a name → listener map, in the map's order, skipping disabled ones. */
    public static List<ListenerSpec> specs(String bindAddress, Map<String, ListenerProperties> listeners) {
        return new LinkedHashMap<>(listeners).entrySet().stream()
                .filter(e -> e.getValue().port() >= 0)
                .map(e -> new ListenerSpec(e.getKey(), bindAddress, e.getValue().port(),
                        e.getValue().tls() == null ? TlsMode.NONE : e.getValue().tls()))
                .toList();
    }
}
