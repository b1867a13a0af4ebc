package org.mailplatform.mta.dns;

import java.util.List;

/** Where mail for a domain or host can go, or why it cannot. */
public sealed interface Destination {

    /** Addresses in the order to try them. */
    record Hosts(List<MailHost> hosts) implements Destination {
        public Hosts {
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("no hosts");
            }
        }
    }

    /**
     * No address to deliver to.
     *
     * @param permanent true when asking again will not help (no such domain, null MX)
     * @param status    RFC 3463 status code
     * @param reason    explanation for the DSN
     */
    record Unreachable(boolean permanent, String status, String reason) implements Destination {
    }
}
