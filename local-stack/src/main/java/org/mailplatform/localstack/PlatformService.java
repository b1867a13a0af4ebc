package org.mailplatform.localstack;

import java.util.List;

import org.mailplatform.imap.ImapApplication;
import org.mailplatform.mda.MdaApplication;
import org.mailplatform.msa.MsaApplication;
import org.mailplatform.mta.MtaApplication;
import org.mailplatform.pop3.Pop3Application;

import static org.mailplatform.localstack.MailListener.Tls.IMPLICIT;
import static org.mailplatform.localstack.MailListener.Tls.STARTTLS;

/** The five services of the platform, with the ports the local stack gives them. */
public enum PlatformService {

    MSA("msa-service", "mailplatform.msa", MsaApplication.class, 8081, List.of(
            new MailListener("submission", "SMTP submission", 587, STARTTLS),
            new MailListener("submissions", "SMTP submission", 465, IMPLICIT),
            new MailListener("submission-alt", "SMTP submission", 2525, STARTTLS))),
    MTA("mta-service", "mailplatform.mta.inbound", MtaApplication.class, 8082, List.of(
            new MailListener("smtp", "SMTP", 25, STARTTLS))),
    MDA("mda-service", "", MdaApplication.class, 8083, List.of()),
    POP3("pop3-gateway", "mailplatform.pop3", Pop3Application.class, 8084, List.of(
            new MailListener("pop3", "POP3", 110, STARTTLS),
            new MailListener("pop3s", "POP3", 995, IMPLICIT))),
    IMAP("imap-gateway", "mailplatform.imap", ImapApplication.class, 8085, List.of(
            new MailListener("imap", "IMAP", 143, STARTTLS),
            new MailListener("imaps", "IMAP", 993, IMPLICIT),
            new MailListener("sieve", "ManageSieve", 4190, STARTTLS)));

    private final String serviceName;
    private final String listenerPrefix;
    private final Class<?> applicationClass;
    private final int devHttpPort;
    private final List<MailListener> mailListeners;

    PlatformService(String serviceName, String listenerPrefix, Class<?> applicationClass, int devHttpPort,
                    List<MailListener> mailListeners) {
        this.serviceName = serviceName;
        this.listenerPrefix = listenerPrefix;
        this.applicationClass = applicationClass;
        this.devHttpPort = devHttpPort;
        this.mailListeners = mailListeners;
    }

    public String serviceName() {
        return serviceName;
    }

    /**
     * Where the service's configuration binds its mail listeners: {@code <prefix>.bind-address} and
     * {@code <prefix>.listeners.<name>.port|tls}; empty for a service without mail ports.
     */
    public String listenerPrefix() {
        return listenerPrefix;
    }

    public Class<?> applicationClass() {
        return applicationClass;
    }

    public int devHttpPort() {
        return devHttpPort;
    }

    public List<MailListener> mailListeners() {
        return mailListeners;
    }
}
