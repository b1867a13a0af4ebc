package org.mailplatform.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's mail listeners as its configuration binds them: {@code <prefix>.listeners.<name>.port}
 * and {@code .tls}, plus {@code <prefix>.bind-address}. Each listener gets its dev port; its TLS mode,
 * the service's default, is stated too, so the stack's banner and the listener cannot disagree.
 */
final class ListenerPortProperties {

    /** Mail ports stay on this machine: the demo accounts are not for the network. */
    static final String BIND_ADDRESS = "127.0.0.1";

    private ListenerPortProperties() {
    }

    static Map<String, String> of(PlatformService service, StackPorts ports) {
        Map<String, String> p = new LinkedHashMap<>();
        if (service.mailListeners().isEmpty()) {
            return p;
        }
        String prefix = service.listenerPrefix() + ".";
        p.put(prefix + "bind-address", BIND_ADDRESS);
        for (MailListener listener : service.mailListeners()) {
            String key = prefix + "listeners." + listener.name() + ".";
            p.put(key + "port", String.valueOf(ports.mail(listener)));
            p.put(key + "tls", listener.tls().name());
        }
        return p;
    }
}
