package org.mailplatform.mta.outbound.tlsrpt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code _smtp._tls} TXT record (RFC 8460 3): {@code v=TLSRPTv1; rua=mailto:...,https://...}. */
public record TlsRptRecord(List<URI> rua) {

    public TlsRptRecord {
        rua = List.copyOf(rua);
    }

    /**
     * RFC 8460 3: records that do not begin with {@code v=TLSRPTv1} are discarded; unless exactly
     * one is left, the domain does not take reports. Only mailto: and https: addresses are kept.
     */
    public static Optional<TlsRptRecord> fromTxt(List<String> records) {
        List<String> candidates = records.stream()
                .filter(r -> r.startsWith("v=TLSRPTv1;") || r.equals("v=TLSRPTv1")).toList();
        return candidates.size() == 1 ? parse(candidates.getFirst()) : Optional.empty();
    }

    static Optional<TlsRptRecord> parse(String record) {
        List<URI> uris = new ArrayList<>();
        String[] fields = record.split(";");
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            int eq = field.indexOf('=');
            if (eq <= 0 || !field.substring(0, eq).strip().equals("rua")) {
                continue;
            }
            // RFC 8460 3: URIs separated by commas; a comma inside one is percent-encoded.
            for (String value : field.substring(eq + 1).split(",")) {
                try {
                    URI uri = new URI(value.strip());
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (scheme.equals("mailto") && mailbox(uri) != null || scheme.equals("https") && uri.getHost() != null) {
                        uris.add(uri);
                    }
                } catch (URISyntaxException e) {
                    // one bad address does not spoil the others
                }
            }
        }
        return uris.isEmpty() ? Optional.empty() : Optional.of(new TlsRptRecord(uris));
    }

    /** The address of a mailto: URI without its query, or null when it has none. */
    public static String mailbox(URI mailto) {
        String part = mailto.getSchemeSpecificPart();
        if (part == null) {
            return null;
        }
        int query = part.indexOf('?');
        String address = (query < 0 ? part : part.substring(0, query)).strip();
        int at = address.lastIndexOf('@');
        return at > 0 && at < address.length() - 1 && !address.contains(",") ? address : null;
    }
}
