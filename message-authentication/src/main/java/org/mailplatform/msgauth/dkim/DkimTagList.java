package org.mailplatform.msgauth.dkim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DKIM tag-list (RFC 6376 3.2): {@code tag=value} pairs separated by semicolons, folding white
 * space allowed around each part. Used for DKIM-Signature fields, key records and the ARC fields
 * (RFC 8617 4.1), which share the syntax.
 */
public final class DkimTagList {

    private final Map<String, String> tags;

    private DkimTagList(Map<String, String> tags) {
        this.tags = tags;
    }

    /**
     * @throws DkimPermanentError when a tag has no "=", a name is not valid, or a tag appears twice
     *                            (3.2: "Tags with duplicate names MUST NOT occur")
     */
    public static DkimTagList parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int i = 0; i < specs.length; i++) {
            String spec = specs[i];
            if (spec.isBlank()) {
                // 3.2: the final tag may be followed by a semicolon.
                if (i == specs.length - 1) {
                    continue;
                }
                throw new DkimPermanentError("empty tag in tag-list");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new DkimPermanentError("tag without a value: " + spec.strip());
            }
            String name = spec.substring(0, eq).strip();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new DkimPermanentError("invalid tag name: " + name);
            }
            String value = spec.substring(eq + 1).strip();
            if (tags.putIfAbsent(name, value) != null) {
                throw new DkimPermanentError("duplicate tag: " + name);
            }
        }
        return new DkimTagList(tags);
    }

    public String get(String name) {
        return tags.get(name);
    }

    public boolean has(String name) {
        return tags.containsKey(name);
    }

    public String require(String name) {
        String value = tags.get(name);
        if (value == null) {
            throw new DkimPermanentError("missing required tag " + name + "=");
        }
        return value;
    }

    /** The first tag's name; a key record's v= must come first (3.6.1). */
    String firstName() {
        return tags.isEmpty() ? null : tags.keySet().iterator().next();
    }

    /** A value with every folding white space removed, as base64 and list values allow (3.5). */
    public static String withoutWhiteSpace(String value) {
        return value.replaceAll("[ \\t\\r\\n]", "");
    }

    public static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
