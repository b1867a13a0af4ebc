package org.mailplatform.protocolservice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TlsMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * The mail listeners a service declares, each with its default port and TLS mode, and how
 * configuration changes them: {@code <prefix>.listeners.<name>.port} and {@code .tls}, one property
 * at a time. A property left out keeps the listener's default whichever source sets the others
 * (application.yml, environment variable, command-line argument), so moving an implicit-TLS
 * listener (RFC 8314 3.3) by its port never turns it into a plaintext one.
 *
 * <p>Spring's map binding would make a fresh entry with only the properties given, and ignore
 * misspelled ones; so the names under {@code <prefix>.listeners} are checked here instead, and a
 * listener that is not declared, a property that is neither {@code port} nor {@code tls}, or an empty
 * value stops the start with a {@link ListenerConfigurationException} naming the property.
 */
public final class ServiceListeners {

    private static final Logger log = LoggerFactory.getLogger(ServiceListeners.class);

    static final String LOCAL_DEV = "mailplatform.local-dev";
    private static final List<String> PROPERTIES = List.of("port", "tls");

    private final String prefix;
    private final Map<String, ListenerProperties> defaults;

    private ServiceListeners(String prefix, Map<String, ListenerProperties> defaults) {
        this.prefix = prefix;
        this.defaults = defaults;
    }

    /** A service whose listeners live under {@code <prefix>.listeners}, with none declared yet. */
    public static ServiceListeners under(String prefix) {
        if (!ConfigurationPropertyName.isValid(prefix)) {
            throw new IllegalArgumentException("not a property prefix: " + prefix);
        }
        return new ServiceListeners(prefix, Map.of());
    }

    /** These listeners and one more, {@code name} on {@code port} with {@code tls} unless configured otherwise. */
    public ServiceListeners listener(String name, int port, TlsMode tls) {
        if (!ConfigurationPropertyName.isValid(name) || name.contains(".")) {
            throw new IllegalArgumentException("not a listener name: " + name);
        }
        Map<String, ListenerProperties> more = new LinkedHashMap<>(defaults);
        if (more.putIfAbsent(name, new ListenerProperties(port, Objects.requireNonNull(tls, "tls"))) != null) {
            throw new IllegalArgumentException("listener declared twice: " + name);
        }
        return new ServiceListeners(prefix, Collections.unmodifiableMap(more));
    }

    /** {@code <prefix>.listeners}. */
    public String property() {
        return prefix + ".listeners";
    }

    /** The declared listeners with their defaults, in declaration order. */
    public Map<String, ListenerProperties> defaults() {
        return defaults;
    }

    /**
     * Every declared listener as configured in {@code environment}, in declaration order: each
     * property set anywhere replaces that property's default, the rest stay.
     *
     * @throws ListenerConfigurationException for a name under {@link #property()} that is not a
     *         declared listener's {@code port} or {@code tls}, or a value that is empty or invalid
     */
    public Map<String, ListenerProperties> bind(Environment environment) {
        rejectUnknownNames(environment);
        Binder binder = Binder.get(environment);
        Map<String, ListenerProperties> bound = new LinkedHashMap<>();
        defaults.forEach((name, fallback) -> {
            String key = property() + "." + name;
            int port = binder.bind(key + ".port", String.class)
                    .map(value -> port(key + ".port", value)).orElse(fallback.port());
            TlsMode tls = binder.bind(key + ".tls", String.class)
                    .map(value -> tlsMode(key + ".tls", value)).orElse(fallback.tls());
            bound.put(name, new ListenerProperties(port, tls));
        });
        return bound;
    }

    /**
     * The listeners to open (port -1 switches one off) on {@code bindAddress}. A listener without
     * TLS is logged as a warning unless {@code mailplatform.local-dev} is set: no password may cross
     * it (AUTH, LOGIN and USER/PASS wait for TLS) and no peer can start TLS on it, so it is rarely
     * what an operator meant.
     */
    public List<ListenerSpec> specs(Environment environment, String bindAddress) {
        boolean localDev = Binder.get(environment).bind(LOCAL_DEV, Boolean.class).orElse(false);
        List<ListenerSpec> specs = new ArrayList<>();
        bind(environment).forEach((name, listener) -> {
            if (listener.port() < 0) {
                return;
            }
            if (listener.tls() == TlsMode.NONE && !localDev) {
                log.warn("{}.{}.tls is NONE: listener '{}' on port {} offers no TLS at all (its default is {});"
                        + " plaintext is for local development (mailplatform.local-dev=true)",
                        property(), name, name, listener.port(), defaults.get(name).tls());
            }
            specs.add(new ListenerSpec(name, bindAddress, listener.port(), listener.tls()));
        });
        return specs;
    }

    private void rejectUnknownNames(Environment environment) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(property());
        int depth = root.getNumberOfElements();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource names)) {
                continue;
            }
            names.stream().filter(root::isAncestorOf).forEach(name -> {
                boolean known = name.getNumberOfElements() == depth + 2
                        && declared(name.getElement(depth, Form.UNIFORM))
                        && PROPERTIES.contains(name.getElement(depth + 1, Form.UNIFORM));
                if (!known) {
                    throw new ListenerConfigurationException(name.toString(), "is not a listener setting"
                            + origin(source.getConfigurationProperty(name)) + ". The listeners of " + prefix
                            + " are " + String.join(", ", defaults.keySet()) + ", each with port and tls"
                            + environmentHint());
                }
            });
        }
    }

    private boolean declared(String uniformName) {
        return defaults.keySet().stream()
                .anyMatch(name -> ConfigurationPropertyName.of(name).getElement(0, Form.UNIFORM).equals(uniformName));
    }

    /** An environment variable's name has no dashes: {@code submission-alt} is {@code SUBMISSIONALT} there. */
    private String environmentHint() {
        return defaults.keySet().stream().filter(name -> name.contains("-")).findFirst()
                .map(name -> "; in an environment variable a listener's name loses its dashes ("
                        + ConfigurationPropertyName.of(property() + "." + name + ".port").toString()
                                .replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT) + ")")
                .orElse("");
    }

    private static String origin(ConfigurationProperty property) {
        return property == null || property.getOrigin() == null ? "" : " (from " + property.getOrigin() + ")";
    }

    private static int port(String property, String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= -1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ListenerConfigurationException(property, "is '" + value
                + "', not a port: 1-65535, 0 for a free one, -1 to switch the listener off");
    }

    private static TlsMode tlsMode(String property, String value) {
        if (value.isBlank()) {
            throw new ListenerConfigurationException(property, "is empty: give the listener's TLS mode, one of NONE, STARTTLS, IMPLICIT");
        }
        try {
            return TlsMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ListenerConfigurationException(property, "is '" + value + "', not a TLS mode: NONE, STARTTLS or IMPLICIT");
        }
    }
}
