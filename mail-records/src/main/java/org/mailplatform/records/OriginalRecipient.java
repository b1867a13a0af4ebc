package org.mailplatform.records;

/**
 * RFC 3461 4.2: the ORCPT parameter, already xtext-decoded.
 *
 * @param addressType the addr-type, e.g. {@code rfc822} or {@code utf-8} (RFC 6533)
 * @param address     the original recipient address
 */
public record OriginalRecipient(String addressType, String address) {

    public OriginalRecipient {
        Checks.text(addressType, "ORCPT address type", 64);
        Checks.text(address, "ORCPT address", 1000);
    }

    public static OriginalRecipient rfc822(String address) {
        return new OriginalRecipient("rfc822", address);
    }
}
