package org.mailplatform.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mailplatform.imap.config.ImapProperties;
import org.mailplatform.msa.MsaProperties;
import org.mailplatform.mta.inbound.InboundProperties;
import org.mailplatform.pop3.Pop3Properties;
import org.mailplatform.protocolservice.ServiceListeners;

/** The stack's mail ports are the listeners each service declares, with their production ports and TLS modes. */
class StackListenersTest {

    @ParameterizedTest
    @EnumSource(value = PlatformService.class, names = "MDA", mode = EnumSource.Mode.EXCLUDE)
    void stackListenersAreTheServicesOwn(PlatformService service) {
        ServiceListeners declared = switch (service) {
            case MSA -> MsaProperties.LISTENERS;
            case MTA -> InboundProperties.LISTENERS;
            case POP3 -> Pop3Properties.LISTENERS;
            case IMAP -> ImapProperties.LISTENERS;
            case MDA -> throw new AssertionError("no mail listeners");
        };

        assertThat(service.listenerPrefix() + ".listeners").isEqualTo(declared.property());
        assertThat(service.mailListeners())
                .extracting(MailListener::name, MailListener::productionPort, listener -> listener.tls().name())
                .containsExactlyElementsOf(declared.defaults().entrySet().stream()
                        .map(e -> tuple(e.getKey(), e.getValue().port(), e.getValue().tls().name()))
                        .toList());
    }
}
