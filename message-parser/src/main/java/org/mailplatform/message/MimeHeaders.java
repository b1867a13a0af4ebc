package org.mailplatform.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The MIME facts of one entity, read from its header (RFC 2045, RFC 2183, RFC 3282, RFC 2557),
 * with the defaults IMAP BODYSTRUCTURE reports. Values are Unicode except {@code boundary}, which
 * stays octet-per-char so it matches the raw delimiter lines byte for byte.
 */
record MimeHeaders(
        String type,
        String subtype,
        List<Parameter> parameters,
        String boundary,
        String encoding,
        String id,
        String description,
        String md5,
        Disposition disposition,
        List<String> language,
        String location) {

    static MimeHeaders read(byte[] raw, HeaderBlock header, MediaDefault fallback, Consumer<ParseDefect> defects) {
        String type = fallback.type;
        String subtype = fallback.subtype;
        List<Parameter> parameters = List.of();
        String contentType = header.value(raw, "Content-Type");
        if (contentType != null) {
            ParameterizedValue parsed = ParameterizedValue.parse(contentType);
            int slash = parsed.value().indexOf('/');
            String t = slash < 0 ? "" : parsed.value().substring(0, slash).strip();
            String s = slash < 0 ? "" : parsed.value().substring(slash + 1).strip();
            if (isToken(t) && isToken(s)) {
                type = t;
                subtype = s;
                parameters = Rfc2231.merge(parsed.parameters());
            } else {
                // RFC 2045 5.2: an invalid Content-Type is read as the default
                defects.accept(ParseDefect.INVALID_CONTENT_TYPE);
                type = "text";
                subtype = "plain";
            }
        }
        String boundary = null;
        if (type.equals("multipart")) {
            boundary = Rfc2231.find(parameters, "boundary");
            if (boundary == null || boundary.isEmpty()) {
                // RFC 2046 5.1.1: the boundary parameter is mandatory; without it the body can't be split
                defects.accept(ParseDefect.MULTIPART_WITHOUT_BOUNDARY);
                type = "text";
                subtype = "plain";
                parameters = List.of();
                boundary = null;
            }
        }
        if (type.equals("text") && Rfc2231.find(parameters, "charset") == null && Rfc2231.find(parameters, "charset*") == null) {
            // RFC 2046 4.1.2: a text body without charset is US-ASCII
            parameters = append(parameters, new Parameter("charset", "us-ascii"));
        }
        return new MimeHeaders(
                type,
                subtype,
                unicode(parameters),
                boundary,
                encoding(header.value(raw, "Content-Transfer-Encoding")),
                unicodeOrNull(header.value(raw, "Content-ID")),
                unicodeOrNull(header.value(raw, "Content-Description")),
                unicodeOrNull(header.value(raw, "Content-MD5")),
                disposition(header.value(raw, "Content-Disposition")),
                language(header.value(raw, "Content-Language")),
                location(header.value(raw, "Content-Location")));
    }

    boolean isMultipart() {
        return boundary != null;
    }

    /** message/rfc822 and, per RFC 9051 7.5.2, message/global. */
    boolean isMessage() {
        return type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"));
    }

    /** RFC 2045 6.2: 7bit, 8bit and binary mean the body is not encoded. */
    boolean identityEncoded() {
        return encoding.equals("7bit") || encoding.equals("8bit") || encoding.equals("binary");
    }

    /** The same part reported as opaque data, for entities not parsed as structure. */
    MimeHeaders asOpaque() {
        return new MimeHeaders("application", "octet-stream", List.of(), null, encoding, id, description, md5,
                disposition, language, location);
    }

    byte[] boundaryOctets() {
        return boundary.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?=".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Parameter> append(List<Parameter> parameters, Parameter extra) {
        List<Parameter> out = new ArrayList<>(parameters);
        out.add(extra);
        return out;
    }

    private static List<Parameter> unicode(List<Parameter> parameters) {
        return parameters.stream().map(p -> new Parameter(p.name(), Octets.toUnicode(p.value()))).toList();
    }

    private static String unicodeOrNull(String value) {
        return value == null ? null : Octets.toUnicode(value);
    }

    /** RFC 2045 6.1: the mechanism is a case-insensitive token; none means 7bit. */
    private static String encoding(String value) {
        if (value == null) {
            return "7bit";
        }
        String token = ParameterizedValue.stripComments(value).strip();
        int end = 0;
        while (end < token.length() && !Character.isWhitespace(token.charAt(end)) && token.charAt(end) != ';') {
            end++;
        }
        token = token.substring(0, end).toLowerCase(Locale.ROOT);
        return token.isEmpty() ? "7bit" : Octets.toUnicode(token);
    }

    private static Disposition disposition(String value) {
        if (value == null) {
            return null;
        }
        ParameterizedValue parsed = ParameterizedValue.parse(value);
        if (parsed.value().isEmpty()) {
            return null;
        }
        return new Disposition(Octets.toUnicode(parsed.value()), unicode(Rfc2231.merge(parsed.parameters())));
    }

    /** RFC 3282 2: a comma-separated list of language tags. */
    private static List<String> language(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (String tag : ParameterizedValue.stripComments(value).split(",")) {
            String trimmed = tag.strip();
            if (!trimmed.isEmpty()) {
                tags.add(Octets.toUnicode(trimmed));
            }
        }
        return tags;
    }

    /** RFC 2557 4.4.1: a URI folded over lines is read with its whitespace removed. */
    private static String location(String value) {
        if (value == null) {
            return null;
        }
        String uri = value.replaceAll("\\s+", "");
        return uri.isEmpty() ? null : Octets.toUnicode(uri);
    }
}
