package org.mailplatform.mta.outbound;

import org.mailplatform.mta.client.Credentials;
import org.mailplatform.mta.client.TlsPolicy;

/** How mail for one domain leaves: by MX lookup, or to a configured host. */
public sealed interface Route {

    /** Recipients whose routes share a key share connections. */
    String key();

    int port();

    TlsPolicy tls();

    /** AUTH credentials, or null. */
    Credentials credentials();

    /** RFC 5321 5.1: the domain's MX hosts (or its own address when it has none). */
    record Mx(String domain, int port, TlsPolicy tls) implements Route {
        @Override
        public String key() {
            return "mx:" + domain;
        }

        @Override
        public Credentials credentials() {
            return null;
        }
    }

    /**
     * A configured host (transport table, smart host) or an address literal: its addresses, no MX lookup.
     *
     * @param kind {@code transport}, {@code smart-host} or {@code literal}, for keys and logs
     */
    record Relay(String kind, NextHop hop, TlsPolicy tls, Credentials credentials) implements Route {
        @Override
        public String key() {
            return kind + ":" + hop;
        }

        @Override
        public int port() {
            return hop.port();
        }
    }
}
