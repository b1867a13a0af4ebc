package org.mailplatform.message;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/** Decodes the searchable header values of an ENVELOPE (RFC 2047 encoded words). */
final class SearchHeadersBuilder {

    private SearchHeadersBuilder() {
    }

    static SearchHeaders of(Envelope envelope) {
        return new SearchHeaders(
                decodeWords(envelope.subject()),
                addresses(envelope.from()),
                addresses(envelope.to()),
                addresses(envelope.cc()),
                addresses(envelope.bcc()));
    }

    static String decodeWords(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DecoderUtil.decodeEncodedWords(text, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return text;
        }
    }

    private static List<String> addresses(List<Address> addresses) {
        List<String> out = new ArrayList<>();
        for (Address address : addresses) {
            String spec = address.addrSpec();
            if (spec == null) {
                continue;
            }
            String name = decodeWords(address.name());
            if (name == null || name.isBlank()) {
                out.add(spec);
            } else if (spec.isEmpty()) {
                out.add(name);
            } else {
                out.add(name + " <" + spec + ">");
            }
        }
        return out;
    }
}
