package org.mailplatform.mta.outbound;

import org.mailplatform.mta.dns.Destination;
import org.mailplatform.mta.dns.MailExchangers;

/** The addresses a route leads to. */
public final class RouteResolver {

    private final MailExchangers exchangers;

    public RouteResolver(MailExchangers exchangers) {
        this.exchangers = exchangers;
    }

    public Destination resolve(Route route) {
        return switch (route) {
            case Route.Mx mx -> exchangers.forDomain(mx.domain());
            case Route.Relay relay -> exchangers.forHost(relay.hop().host());
        };
    }
}
