package org.mailplatform.imap.config;

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
 * The IMAP (and ManageSieve) listeners as the service binds them: a property an operator sets replaces only itself,
 * wherever it is set, so a listener moved by its port keeps its TLS mode. No Kafka, no database.
 */
class ImapListenersTest {

    private static final Map<String, ListenerProperties> DEFAULTS = Map.of(
            "imap", new ListenerProperties(143, TlsMode.STARTTLS),
            "imaps", new ListenerProperties(993, TlsMode.IMPLICIT),
            "sieve", new ListenerProperties(4190, TlsMode.STARTTLS));

    static Stream<Arguments> everySourceAndListener() {
        return Stream.of(SettingSource.values())
                .flatMap(source -> Stream.of("imap", "imaps", "sieve").map(listener -> Arguments.of(source, listener)));
    }

    @Test
    void withNothingSetTheListenersAreTheDefaults() {
        assertThat(ImapProperties.LISTENERS.bind(SettingSource.COMMAND_LINE.environmentWith(Map.of()))).isEqualTo(DEFAULTS);
    }

    @ParameterizedTest(name = "{1}.port from {0}")
    @MethodSource("everySourceAndListener")
    void portAloneKeepsTheTlsModeAndTheOtherListeners(SettingSource source, String listener) {
        var environment = source.environmentWith(Map.of("mailplatform.imap.listeners." + listener + ".port", "20000"));

        Map<String, ListenerProperties> expected = new LinkedHashMap<>(DEFAULTS);
        expected.put(listener, new ListenerProperties(20000, DEFAULTS.get(listener).tls()));
        assertThat(ImapProperties.LISTENERS.bind(environment)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}.tls from {0}")
    @MethodSource("everySourceAndListener")
    void tlsAloneKeepsThePort(SettingSource source, String listener) {
        var environment = source.environmentWith(Map.of("mailplatform.imap.listeners." + listener + ".tls", "NONE"));

        Map<String, ListenerProperties> expected = new LinkedHashMap<>(DEFAULTS);
        expected.put(listener, new ListenerProperties(DEFAULTS.get(listener).port(), TlsMode.NONE));
        assertThat(ImapProperties.LISTENERS.bind(environment)).isEqualTo(expected);
    }

    @Test
    void misspelledListenerStopsTheStartNamingTheProperty() {
        var environment = SettingSource.ENVIRONMENT_VARIABLE.environmentWith(Map.of("mailplatform.imap.listeners.imapsx.port", "20000"));

        assertThatThrownBy(() -> ImapProperties.LISTENERS.bind(environment))
                .isInstanceOf(ListenerConfigurationException.class)
                .hasMessageStartingWith("mailplatform.imap.listeners.imapsx.port is not a listener setting");
    }
}
