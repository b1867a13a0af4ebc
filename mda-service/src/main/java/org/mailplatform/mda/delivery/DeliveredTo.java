package org.mailplatform.mda.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.mailplatform.store.account.EmailAddress;

/**
 * The {@code Delivered-To} header field as a loop detector (the practice of qmail and Postfix,
 * not a standard): each local delivery or forward adds one naming the mailbox it was for, and a
 * message that arrives already carrying the field for a mailbox has been there before.
 */
public final class DeliveredTo {

    static final String FIELD = "Delivered-To";

    private DeliveredTo() {
    }

    /** The addresses of the message's Delivered-To fields, in {@link #key} form. */
    public static Set<String> addresses(byte[] message) {
        Set<String> found = new LinkedHashSet<>();
        String header = new String(ReportAssembler.headerSection(message), StandardCharsets.ISO_8859_1);
        // RFC 5322 2.2.3: unfold before reading field bodies.
        String unfolded = header.replaceAll("\r?\n(?=[ \t])", "");
        for (String line : unfolded.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(FIELD)) {
                String value = new String(line.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    found.add(key(value));
                }
            }
        }
        return found;
    }

    /** The message with a Delivered-To field for each address in front of it. */
    public static byte[] prepend(Collection<String> addresses, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64 * addresses.size());
        for (String address : addresses) {
            out.writeBytes((FIELD + ": " + address + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(message);
        return out.toByteArray();
    }

    /** The comparable form of an address: the store's key when it parses, else lower case. */
    public static String key(String address) {
        return EmailAddress.parse(address).map(EmailAddress::key).orElse(address.strip().toLowerCase(Locale.ROOT));
    }
}
