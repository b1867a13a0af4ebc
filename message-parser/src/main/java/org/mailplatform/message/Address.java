package org.mailplatform.message;

import java.util.List;

/**
 * One address of an IMAP ENVELOPE (RFC 3501 7.4.2, RFC 9051 7.5.2): personal name, source route
 * (at-domain-list), mailbox (local part) and host, all as they appear in the header (encoded
 * words are not decoded). Null stands for NIL.
 *
 * <p>Group syntax (RFC 5322 3.4) is flattened the IMAP way: a group start is an address whose
 * host is NIL and whose mailbox holds the group name; a group end has mailbox and host NIL.
 */
public record Address(String name, String route, String mailbox, String host) {

    public static Address of(String name, String route, String mailbox, String host) {
        return new Address(name, route, mailbox == null ? "" : mailbox, host == null ? "" : host);
    }

    /**
     * The addresses of an address-list header value (RFC 5322 3.4), as ENVELOPE reads them:
     * comments dropped, a legacy trailing comment taken as the name, groups as start and end markers.
     */
    public static List<Address> parseList(String headerValue) {
        return AddressListParser.parse(headerValue);
    }

    public static Address groupStart(String groupName) {
        return new Address(null, null, groupName == null ? "" : groupName, null);
    }

    public static Address groupEnd() {
        return new Address(null, null, null, null);
    }

    public boolean groupStartMarker() {
        return host == null && mailbox != null;
    }

    public boolean groupEndMarker() {
        return host == null && mailbox == null;
    }

    /** {@code mailbox@host}, or null for a group marker. */
    public String addrSpec() {
        if (host == null) {
            return null;
        }
        return host.isEmpty() ? mailbox : mailbox + "@" + host;
    }
}
