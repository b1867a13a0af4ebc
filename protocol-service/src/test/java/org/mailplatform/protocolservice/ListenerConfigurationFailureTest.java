package org.mailplatform.protocolservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mailplatform.kernel.ListenerSpec;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** A misspelled listener stops the start with a report that names the property, before any port is bound. */
@ExtendWith(OutputCaptureExtension.class)
class ListenerConfigurationFailureTest {

    @Configuration(proxyBeanMethods = false)
    static class Service {
        @Bean
        List<ListenerSpec> listeners(Environment environment) {
            return ServiceListenersTest.LISTENERS.specs(environment, "127.0.0.1");
        }
    }

    @Test
    void misspelledListenerOnTheCommandLineFailsTheStartWithAReport(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Service.class).web(WebApplicationType.NONE)
                .run("--test.mail.listeners.secures.port=1993"))
                .hasRootCauseInstanceOf(ListenerConfigurationException.class);

        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid mail listener setting: test.mail.listeners.secures.port is not a listener setting"
                        + " (from \"test.mail.listeners.secures.port\" from property source \"commandLineArgs\")")
                .contains("Correct or remove test.mail.listeners.secures.port.");
    }
}
