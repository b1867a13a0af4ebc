package org.mailplatform.deploy;

import java.util.List;

import org.mailplatform.kernel.TlsMode;

/**
 * The services and their ports as the design fixes them (docs/architecture.md, README "Ports"):
 * what every deployment file has to agree with.
 */
enum PlatformService {

    MSA("msa-service", 8081, "mailplatform.msa.listeners", true, List.of(
            new MailPort("submission", 587, TlsMode.STARTTLS),
            new MailPort("submissions", 465, TlsMode.IMPLICIT),
            new MailPort("submission-alt", 2525, TlsMode.STARTTLS))),
    MTA("mta-service", 8082, "mailplatform.mta.inbound.listeners", true, List.of(
            new MailPort("smtp", 25, TlsMode.STARTTLS))),
    MDA("mda-service", 8083, null, false, List.of()),
    POP3("pop3-gateway", 8084, "mailplatform.pop3.listeners", true, List.of(
            new MailPort("pop3", 110, TlsMode.STARTTLS),
            new MailPort("pop3s", 995, TlsMode.IMPLICIT))),
    IMAP("imap-gateway", 8085, "mailplatform.imap.listeners", true, List.of(
            new MailPort("imap", 143, TlsMode.STARTTLS),
            new MailPort("imaps", 993, TlsMode.IMPLICIT),
            new MailPort("sieve", 4190, TlsMode.STARTTLS)));

    /** Local development ports are the production ports plus this. */
    static final int DEV_PORT_OFFSET = 10000;

    private final String serviceName;
    private final int httpPort;
    private final String listenersProperty;
    private final boolean scalesHorizontally;
    private final List<MailPort> mailPorts;

    PlatformService(String serviceName, int httpPort, String listenersProperty, boolean scalesHorizontally,
                    List<MailPort> mailPorts) {
        this.serviceName = serviceName;
        this.httpPort = httpPort;
        this.listenersProperty = listenersProperty;
        this.scalesHorizontally = scalesHorizontally;
        this.mailPorts = mailPorts;
    }

    String serviceName() {
        return serviceName;
    }

    int httpPort() {
        return httpPort;
    }

    String listenersProperty() {
        return listenersProperty;
    }

    /** The gateways, the MSA and the MTA get a HorizontalPodAutoscaler. */
    boolean scalesHorizontally() {
        return scalesHorizontally;
    }

    List<MailPort> mailPorts() {
        return mailPorts;
    }

    /**
     * Dev ports of web listeners beside the HTTP port: the MSA's client autoconfiguration (HTTPS,
     * production 443), under {@value #AUTOCONFIG_PORT_PROPERTY}.
     */
    List<Integer> webDevPorts() {
        return this == MSA ? List.of(443 + DEV_PORT_OFFSET) : List.of();
    }

    static final String AUTOCONFIG_PORT_PROPERTY = "mailplatform.autoconfig.port";

    boolean speaksMail() {
        return !mailPorts.isEmpty();
    }

    /** Name of the chart's objects for this service with the test release. */
    String objectName() {
        return HelmChart.RELEASE + "-" + serviceName;
    }

    record MailPort(String listener, int productionPort, TlsMode tls) {

        int devPort() {
            return productionPort + DEV_PORT_OFFSET;
        }
    }
}
