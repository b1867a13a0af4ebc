package org.mailplatform.protocolservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailplatform.kernel.ListenerSpec;
import org.mailplatform.kernel.TlsMode;
import org.mailplatform.testsupport.SettingSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
class ServiceListenersTest {

    static final ServiceListeners LISTENERS = ServiceListeners.under("test.mail")
            .listener("plain", 2143, TlsMode.STARTTLS)
            .listener("secure", 2993, TlsMode.IMPLICIT)
            .listener("secure-alt", 2994, TlsMode.IMPLICIT);

    static final Map<String, ListenerProperties> DEFAULTS = Map.of(
            "plain", new ListenerProperties(2143, TlsMode.STARTTLS),
            "secure", new ListenerProperties(2993, TlsMode.IMPLICIT),
            "secure-alt", new ListenerProperties(2994, TlsMode.IMPLICIT));

    static Stream<Arguments> everySourceAndListener() {
        return Arrays.stream(SettingSource.values())
                .flatMap(source -> Stream.of("plain", "secure", "secure-alt").map(name -> Arguments.of(source, name)));
    }

    private static Map<String, ListenerProperties> defaultsWith(String name, ListenerProperties listener) {
        Map<String, ListenerProperties> expected = new LinkedHashMap<>(DEFAULTS);
        expected.put(name, listener);
        return expected;
    }

    @Test
    void unconfiguredListenersAreTheDeclaredOnesInOrder() {
        assertThat(LISTENERS.bind(new StandardEnvironment())).isEqualTo(DEFAULTS)
                .containsOnlyKeys("plain", "secure", "secure-alt");
        assertThat(LISTENERS.defaults().keySet()).containsExactly("plain", "secure", "secure-alt");
    }

    @ParameterizedTest(name = "{1}.port from {0}")
    @MethodSource("everySourceAndListener")
    void portAloneKeepsTheTlsModeAndTheOtherListeners(SettingSource source, String name) {
        var environment = source.environmentWith(Map.of("test.mail.listeners." + name + ".port", "1234"));

        assertThat(LISTENERS.bind(environment))
                .isEqualTo(defaultsWith(name, new ListenerProperties(1234, DEFAULTS.get(name).tls())));
    }

    @ParameterizedTest(name = "{1}.tls from {0}")
    @MethodSource("everySourceAndListener")
    void tlsAloneKeepsThePort(SettingSource source, String name) {
        var environment = source.environmentWith(Map.of("test.mail.listeners." + name + ".tls", "starttls"));

        assertThat(LISTENERS.bind(environment))
                .isEqualTo(defaultsWith(name, new ListenerProperties(DEFAULTS.get(name).port(), TlsMode.STARTTLS)));
    }

    /** A higher source overrides a lower one property by property: the ConfigMap's port, the command line's mode. */
    @Test
    void propertiesFromDifferentSourcesCombine() {
        var environment = SettingSource.COMMAND_LINE.environmentWith(Map.of(
                "test.mail.listeners.secure.tls", "STARTTLS",
                "spring.config.additional-location", "classpath:operator-listeners.yml"));

        assertThat(LISTENERS.bind(environment).get("secure")).isEqualTo(new ListenerProperties(3993, TlsMode.STARTTLS));
    }

    @ParameterizedTest
    @EnumSource(SettingSource.class)
    void misspelledListenerNameStopsTheStartNamingTheProperty(SettingSource source) {
        var environment = source.environmentWith(Map.of("test.mail.listeners.secures.port", "1993"));

        assertThatThrownBy(() -> LISTENERS.bind(environment))
                .isInstanceOfSatisfying(ListenerConfigurationException.class,
                        e -> assertThat(e.property()).isEqualTo("test.mail.listeners.secures.port"))
                .hasMessageContaining("test.mail.listeners.secures.port is not a listener setting")
                .hasMessageContaining("are plain, secure, secure-alt, each with port and tls");
    }

    @Test
    void misspelledListenerPropertyStopsTheStart() {
        var environment = SettingSource.COMMAND_LINE.environmentWith(Map.of("test.mail.listeners.secure.mode", "NONE"));

        assertThatThrownBy(() -> LISTENERS.bind(environment))
                .isInstanceOf(ListenerConfigurationException.class)
                .hasMessageStartingWith("test.mail.listeners.secure.mode is not a listener setting");
    }

    @Test
    void environmentVariableOriginIsNamed() {
        var environment = SettingSource.ENVIRONMENT_VARIABLE.environmentWith(Map.of("test.mail.listeners.secures.port", "1993"));

        assertThatThrownBy(() -> LISTENERS.bind(environment))
                .hasMessageContaining("TEST_MAIL_LISTENERS_SECURES_PORT")
                .hasMessageContaining("TEST_MAIL_LISTENERS_SECUREALT_PORT");
    }

    /** {@code SECURE_ALT} in a variable's name is the path secure.alt, not the listener secure-alt. */
    @Test
    void environmentVariableWithTheDashAsUnderscoreIsRejected() {
        var environment = SettingSource.environmentWithVariables(Map.of("TEST_MAIL_LISTENERS_SECURE_ALT_PORT", "1995"));

        assertThatThrownBy(() -> LISTENERS.bind(environment)).isInstanceOf(ListenerConfigurationException.class);
    }

    @ParameterizedTest
    @EnumSource(SettingSource.class)
    void emptyTlsModeStopsTheStart(SettingSource source) {
        var environment = source.environmentWith(Map.of("test.mail.listeners.secure.tls", ""));

        assertThatThrownBy(() -> LISTENERS.bind(environment))
                .isInstanceOf(ListenerConfigurationException.class)
                .hasMessage("test.mail.listeners.secure.tls is empty: give the listener's TLS mode, one of NONE, STARTTLS, IMPLICIT");
    }

    @Test
    void unknownTlsModeOrBadPortStopsTheStart() {
        assertThatThrownBy(() -> LISTENERS.bind(SettingSource.COMMAND_LINE.environmentWith(Map.of("test.mail.listeners.secure.tls", "SSL"))))
                .hasMessage("test.mail.listeners.secure.tls is 'SSL', not a TLS mode: NONE, STARTTLS or IMPLICIT");
        assertThatThrownBy(() -> LISTENERS.bind(SettingSource.COMMAND_LINE.environmentWith(Map.of("test.mail.listeners.plain.port", "70000"))))
                .hasMessageStartingWith("test.mail.listeners.plain.port is '70000', not a port");
        assertThatThrownBy(() -> LISTENERS.bind(SettingSource.COMMAND_LINE.environmentWith(Map.of("test.mail.listeners.plain.port", "143x"))))
                .hasMessageStartingWith("test.mail.listeners.plain.port is '143x', not a port");
    }

    @Test
    void switchedOffListenersAreNotOpened() {
        var environment = SettingSource.COMMAND_LINE.environmentWith(Map.of(
                "test.mail.listeners.plain.port", "-1", "test.mail.listeners.secure-alt.port", "-1"));

        assertThat(LISTENERS.specs(environment, "127.0.0.1"))
                .containsExactly(new ListenerSpec("secure", "127.0.0.1", 2993, TlsMode.IMPLICIT));
    }

    @Test
    void explicitPlaintextListenerIsAWarningOutsideLocalDevelopment(CapturedOutput output) {
        var environment = SettingSource.COMMAND_LINE.environmentWith(Map.of("test.mail.listeners.secure.tls", "NONE"));

        assertThat(LISTENERS.specs(environment, "0.0.0.0")).contains(new ListenerSpec("secure", "0.0.0.0", 2993, TlsMode.NONE));
        assertThat(output.getOut()).contains("WARN").contains("test.mail.listeners.secure.tls is NONE");
    }

    @Test
    void plaintextListenerIsNoWarningInLocalDevelopment(CapturedOutput output) {
        var environment = SettingSource.COMMAND_LINE.environmentWith(Map.of(
                "test.mail.listeners.secure.tls", "NONE", "mailplatform.local-dev", "true"));

        assertThat(LISTENERS.specs(environment, "0.0.0.0")).contains(new ListenerSpec("secure", "0.0.0.0", 2993, TlsMode.NONE));
        assertThat(output.getOut()).doesNotContain("is NONE");
    }
}
