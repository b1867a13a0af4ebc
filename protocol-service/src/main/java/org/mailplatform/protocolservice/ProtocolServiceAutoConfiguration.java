package org.mailplatform.protocolservice;

import org.mailplatform.kernel.support.MessageMemory;
import org.mailplatform.tls.ServerTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The certificate and kernel limits every mail protocol service shares. */
@AutoConfiguration
@EnableConfigurationProperties({TlsProperties.class, KernelProperties.class})
public class ProtocolServiceAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ServerTls serverTls(TlsProperties properties, ObjectProvider<MeterRegistry> registry,
                        @Value("${mailplatform.hostname:localhost}") String hostname) {
        return ServerTls.start(properties.toSettings(hostname), registry.getIfAvailable());
    }

    /** The process's message memory, sized by {@code mailplatform.kernel.message-memory} when that is set. */
    @Bean
    @ConditionalOnMissingBean
    MessageMemory messageMemory(KernelProperties properties, ObjectProvider<MeterRegistry> registry) {
        MessageMemory memory = MessageMemory.shared();
        if (properties.messageMemory() != null) {
            memory.limit(properties.messageMemory().toBytes());
        }
        MeterRegistry meters = registry.getIfAvailable();
        if (meters != null) {
            Gauge.builder("mail.message.memory.used", memory, MessageMemory::used).baseUnit("bytes")
                    .description("Heap reserved by messages being received (SMTP DATA/BDAT, IMAP APPEND)").register(meters);
            Gauge.builder("mail.message.memory.limit", memory, MessageMemory::limit).baseUnit("bytes")
                    .description("The process's budget for messages being received").register(meters);
            FunctionCounter.builder("mail.message.memory.refusals", memory, MessageMemory::refusals)
                    .description("Messages refused for now because the budget was exhausted").register(meters);
        }
        return memory;
    }
}
