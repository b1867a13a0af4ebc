package org.mailplatform.msa.autoconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers every local domain's clients are told to use, each protocol's entries in order of
 * preference: implicit TLS before STARTTLS (RFC 8314 4.1, 5.1). The same for every domain, as one
 * platform serves them all.
 */
record ClientServers(List<Endpoint> imap, List<Endpoint> pop3, List<Endpoint> smtp, String displayName) {

    enum Security { SSL, STARTTLS }

    record Endpoint(String host, int port, Security security) {
    }

    ClientServers {
        imap = List.copyOf(imap);
        pop3 = List.copyOf(pop3);
        smtp = List.copyOf(smtp);
    }

    static ClientServers from(AutoconfigProperties p, String hostname) {
        AutoconfigProperties.Ports ports = p.ports();
        return new ClientServers(
                endpoints(host(p.imapHost(), hostname), ports.imaps(), ports.imap()),
                endpoints(host(p.pop3Host(), hostname), ports.pop3s(), ports.pop3()),
                endpoints(host(p.smtpHost(), hostname), ports.submissions(), ports.submission()),
                p.displayName() == null ? "" : p.displayName().strip());
    }

    /** The provider's name as clients show it. */
    String displayName(String domain) {
        return displayName.isEmpty() ? domain : displayName;
    }

    private static String host(String configured, String hostname) {
        return configured == null || configured.isBlank() ? hostname : configured.strip();
    }

    private static List<Endpoint> endpoints(String host, int implicitTlsPort, int startTlsPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (implicitTlsPort > 0) {
            endpoints.add(new Endpoint(host, implicitTlsPort, Security.SSL));
        }
        if (startTlsPort > 0) {
            endpoints.add(new Endpoint(host, startTlsPort, Security.STARTTLS));
        }
        return endpoints;
    }
}
