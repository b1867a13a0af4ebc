package org.mailplatform.mta.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.protocolservice.ListenerConfigurationException;
import org.mailplatform.protocolservice.ListenerProperties;
import org.mailplatform.testsupport.SettingSource;

/**
 * The port 25 listener as the service binds them: a property an operator sets replaces only itself,
 * wherever it is set, so a listener moved by its port keeps its TLS mode. No Kafka, no database.
 */
class InboundListenersTest {

    private static final Map<String, ListenerProperties> DEFAULTS = Map.of(
            "smtp", new ListenerProperties(25, TlsMode.STARTTLS));

    static Stream<Arguments> everySourceAndListener() {
        return Stream.of(SettingSource.values())
                .flatMap(source -> Stream.of("smtp").map(listener -> Arguments.of(source, listener)));
    }

    @Test
    void withNothingSetTheListenersAreTheDefaults() {
        assertThat(InboundProperties.LISTENERS.bind(SettingSource.COMMAND_LINE.environmentWith(Map.of()))).isEqualTo(DEFAULTS);
    }

    @ParameterizedTest(name = "{1}.port from {0}")
    @MethodSource("everySourceAndListener")
    void portAloneKeepsTheTlsModeAndTheOtherListeners(SettingSource source, String listener) {
        var environment = source.environmentWith(Map.of("mailplatform.mta.inbound.listeners." + listener + ".port", "20000"));

        Map<String, ListenerProperties> expected = new LinkedHashMap<>(DEFAULTS);
        expected.put(listener, new ListenerProperties(20000, DEFAULTS.get(listener).tls()));
        assertThat(InboundProperties.LISTENERS.bind(environment)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}.tls from {0}")
    @MethodSource("everySourceAndListener")
    void tlsAloneKeepsThePort(SettingSource source, String listener) {
        var environment = source.environmentWith(Map.of("mailplatform.mta.inbound.listeners." + listener + ".tls", "NONE"));

        Map<String, ListenerProperties> expected = new LinkedHashMap<>(DEFAULTS);
        expected.put(listener, new ListenerProperties(DEFAULTS.get(listener).port(), TlsMode.NONE));
        assertThat(InboundProperties.LISTENERS.bind(environment)).isEqualTo(expected);
    }

    @Test
    void misspelledListenerStopsTheStartNamingTheProperty() {
        var environment = SettingSource.ENVIRONMENT_VARIABLE.environmentWith(Map.of("mailplatform.mta.inbound.listeners.smtpx.port", "20000"));

        assertThatThrownBy(() -> InboundProperties.LISTENERS.bind(environment))
                .isInstanceOf(ListenerConfigurationException.class)
                .hasMessageStartingWith("mailplatform.mta.inbound.listeners.smtpx.port is not a listener setting");
    }
}
