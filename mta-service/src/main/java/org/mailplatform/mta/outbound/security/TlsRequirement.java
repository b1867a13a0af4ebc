package org.mailplatform.mta.outbound.security;

import java.net.InetSocketAddress;

import org.mailplatform.mta.client.Credentials;
import org.mailplatform.mta.client.SmtpClient;
import org.mailplatform.mta.client.SmtpClientException;
import org.mailplatform.mta.client.SmtpClientSession;
import org.mailplatform.mta.client.TlsPolicy;
import org.mailplatform.mta.dns.Destination;
import org.mailplatform.mta.dns.MailHost;

/** What one destination demands of TLS for the whole of a delivery run. */
public interface TlsRequirement {

    /** No demand beyond the route's own TLS policy. */
    TlsRequirement ROUTE_POLICY = new TlsRequirement() {
        @Override
        public Destination permitted(Destination.Hosts destination) {
            return destination;
        }

        @Override
        public SmtpClientSession connect(SmtpClient client, InetSocketAddress address, MailHost host,
                                         TlsPolicy routeTls, Credentials credentials) throws SmtpClientException {
            return client.connect(address, host.name(), routeTls, credentials);
        }
    };

    /** The hosts that may be tried, in route order; unreachable (temporarily) when none may. */
    Destination permitted(Destination.Hosts destination);

    /**
     * Opens a session with {@code host} as the requirement demands.
     *
     * @param client   the client of the route's own policy
     * @param routeTls the route's own TLS policy, for requirements that only watch
     */
    SmtpClientSession connect(SmtpClient client, InetSocketAddress address, MailHost host, TlsPolicy routeTls,
                              Credentials credentials) throws SmtpClientException;
}
