package org.mailplatform.mta.outbound.sts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The {@code _mta-sts} TXT record (RFC 8461 3.1): {@code v=STSv1; id=...}. */
public record StsRecord(String id) {

    // RFC 8461 3.1: sts-id = 1*32(ALPHA / DIGIT)
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1,32}");

    /**
     * RFC 8461 3.1: records that do not begin with {@code v=STSv1;} are discarded; unless exactly
     * one is left and it is valid, the domain has no available policy.
     */
    public static Optional<StsRecord> fromTxt(List<String> records) {
        List<String> candidates = new ArrayList<>();
        for (String record : records) {
            if (record.startsWith("v=STSv1;") || record.equals("v=STSv1")) {
                candidates.add(record);
            }
        }
        return candidates.size() == 1 ? parse(candidates.getFirst()) : Optional.empty();
    }

    static Optional<StsRecord> parse(String record) {
        String id = null;
        String[] fields = record.split(";");
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i].strip();
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = field.substring(0, eq).strip();
            String value = field.substring(eq + 1).strip();
            if (name.equals("id")) {
                if (id != null || !ID.matcher(value).matches()) {
                    return Optional.empty();
                }
                id = value;
            }
            // RFC 8461 3.1: other extension fields are ignored.
        }
        return id == null ? Optional.empty() : Optional.of(new StsRecord(id));
    }
}
