package org.mailplatform.mta.testing;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.mailplatform.auth.AccountManager;
import org.mailplatform.protocolservice.MailProtocolServer;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.codec.MailRecordDeserializer;
import org.mailplatform.records.topics.MailTopics;
import org.mailplatform.store.account.DomainRepository;
import org.mailplatform.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a test of port 25 against the running service needs: the inbound server, the account
 * store for its recipient, the meters, and a reader of {@code mail.delivery}, where accepted mail
 * goes. The test class carries its own {@code @SpringBootTest} properties.
 */
public abstract class InboundServerTestBase {

    protected static TopicReader<MailRecord> delivery;

    @Autowired
    @Qualifier("inboundServer")
    protected MailProtocolServer server;
    @Autowired
    protected DomainRepository domains;
    @Autowired
    protected AccountManager manager;
    @Autowired
    protected MeterRegistry meters;

    /** Starts reading {@code mail.delivery}; from a {@code @BeforeAll}, once the peers the class needs are there. */
    protected static void readDelivery() {
        delivery = new TopicReader<>(MailTopics.DELIVERY, new MailRecordDeserializer());
    }

    @AfterAll
    static void closeDelivery() {
        if (delivery != null) {
            delivery.close();
            delivery = null;
        }
    }

    /** Creates the account, and its domain, unless an earlier test in this JVM did. */
    protected void ensureAccount(String address, String password) {
        String domain = address.substring(address.indexOf('@') + 1);
        synchronized (InboundServerTestBase.class) {
            if (domains.find(domain).isEmpty()) {
                domains.create(domain);
                manager.createAccount(address, password, 0);
            }
        }
    }

    protected static String text(MailRecord record) {
        return new String(record.message(), StandardCharsets.UTF_8);
    }
}
