package org.mailplatform.mta.dns;

import java.net.InetAddress;
import java.util.List;

/** The answer to the A and AAAA queries for one host name. */
public sealed interface AddressAnswer {

    /** IPv4 addresses first, then IPv6. */
    record Addresses(List<InetAddress> addresses) implements AddressAnswer {
        public Addresses {
            addresses = List.copyOf(addresses);
        }
    }

    /** The name exists without addresses (NODATA for both types). */
    record NoAddresses() implements AddressAnswer {
    }

    /** The name does not exist (NXDOMAIN), or is not a valid host name. */
    record NoSuchHost() implements AddressAnswer {
    }

    /** No answer this time. */
    record Failure(String reason) implements AddressAnswer {
    }
}
