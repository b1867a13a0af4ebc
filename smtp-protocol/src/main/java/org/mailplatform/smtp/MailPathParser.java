package org.mailplatform.smtp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the argument of MAIL FROM and RCPT TO: a path in angle brackets and the ESMTP
 * parameters after it (RFC 5321 4.1.2 and 4.1.1.2/4.1.1.3). Non-ASCII characters are allowed
 * in the path and in parameter values (RFC 6531 3.3); whether the transaction may carry them is
 * the session's decision, made once SMTPUTF8 is known.
 */
public final class MailPathParser {

    /** RFC 5321 4.5.3.1.1 and 4.5.3.1.2: local part up to 64 octets, domain up to 255. */
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DOMAIN = 255;

    private MailPathParser() {
    }

    /** A path and its parameters, keywords upper-cased; a keyword without value maps to "". */
    public record PathArgument(MailPath path, Map<String, String> parameters) {
    }

    public static PathArgument parseReversePath(String text) throws SmtpSyntaxException {
        return parse(text, true);
    }

    public static PathArgument parseForwardPath(String text) throws SmtpSyntaxException {
        return parse(text, false);
    }

    private static PathArgument parse(String text, boolean reverse) throws SmtpSyntaxException {
        if (text == null || text.isEmpty() || text.charAt(0) != '<') {
            throw SmtpSyntaxException.badPath("the address must be in angle brackets");
        }
        int end = closingBracket(text);
        MailPath path = parsePath(text.substring(1, end), reverse);
        Map<String, String> params = parseParameters(text.substring(end + 1));
        return new PathArgument(path, params);
    }

    /** The '>' that ends the path, skipping any inside a quoted local part. */
    private static int closingBracket(String text) throws SmtpSyntaxException {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        throw SmtpSyntaxException.badPath("missing '>'");
    }

    static MailPath parsePath(String inner, boolean reverse) throws SmtpSyntaxException {
        if (inner.isEmpty()) {
            if (reverse) {
                return MailPath.NULL;
            }
            throw SmtpSyntaxException.badPath("empty recipient");
        }
        boolean route = false;
        if (inner.charAt(0) == '@') {
            // RFC 5321 4.1.2 A-d-l: "@" Domain *( "," "@" Domain ) ":" — accepted and ignored (C).
            int colon = inner.indexOf(':');
            if (colon < 0) {
                throw SmtpSyntaxException.badPath("source route without ':'");
            }
            for (String hop : inner.substring(0, colon).split(",", -1)) {
                if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1))) {
                    throw SmtpSyntaxException.badPath("bad source route");
                }
            }
            inner = inner.substring(colon + 1);
            route = true;
        }
        if (!reverse && inner.equalsIgnoreCase("postmaster")) {
            return MailPath.postmaster();
        }
        int at = localPartEnd(inner);
        if (at >= inner.length() || inner.charAt(at) != '@') {
            throw SmtpSyntaxException.badPath("expected local-part@domain");
        }
        String local = inner.substring(0, at);
        // The limits apply to the domain as it is kept: lower-casing can lengthen non-ASCII labels.
        String domain = inner.substring(at + 1).toLowerCase(Locale.ROOT);
        if (utf8Length(local) > MAX_LOCAL_PART) {
            throw new SmtpSyntaxException(SmtpReply.of(553, "5.1.3", "Local part too long"));
        }
        if (utf8Length(domain) > MAX_DOMAIN) {
            throw new SmtpSyntaxException(SmtpReply.of(553, "5.1.2", "Domain too long"));
        }
        if (!isDomain(domain) && !isAddressLiteral(domain)) {
            throw SmtpSyntaxException.badPath("bad domain");
        }
        return MailPath.of(local, domain, route);
    }

    /** Index of the '@' after a valid Dot-string or Quoted-string (RFC 5321 4.1.2). */
    private static int localPartEnd(String s) throws SmtpSyntaxException {
        if (s.isEmpty()) {
            throw SmtpSyntaxException.badPath("empty local part");
        }
        if (s.charAt(0) == '"') {
            int i = 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    // quoted-pairSMTP = %d92 %d32-126
                    if (i + 1 >= s.length() || s.charAt(i + 1) < 32 || s.charAt(i + 1) > 126) {
                        throw SmtpSyntaxException.badPath("bad quoted pair");
                    }
                    i += 2;
                } else if (c == '"') {
                    return i + 1;
                } else if (c < 32 || c == 127) {
                    throw SmtpSyntaxException.badPath("control character in quoted local part");
                } else {
                    i++;
                }
            }
            throw SmtpSyntaxException.badPath("unterminated quoted local part");
        }
        int i = 0;
        boolean atomStart = true;
        while (i < s.length() && s.charAt(i) != '@') {
            char c = s.charAt(i);
            if (c == '.') {
                if (atomStart) {
                    throw SmtpSyntaxException.badPath("empty atom in local part");
                }
                atomStart = true;
            } else if (isAtext(c)) {
                atomStart = false;
            } else {
                throw SmtpSyntaxException.badPath("invalid character in local part");
            }
            i++;
        }
        if (atomStart) {
            throw SmtpSyntaxException.badPath("local part ends with '.' or is empty");
        }
        return i;
    }

    /** RFC 5322 3.2.3 atext, extended by RFC 6532 3.2 with non-ASCII UTF-8. */
    static boolean isAtext(char c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c > 0x7f;
    }

    /** RFC 5321 4.1.2 Domain, with U-labels allowed (RFC 6531 3.3). */
    static boolean isDomain(String d) {
        if (d.isEmpty() || d.length() > MAX_DOMAIN) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                return false;
            }
            if (!isLetDig(label.charAt(0)) || !isLetDig(label.charAt(label.length() - 1))) {
                return false;
            }
            for (int i = 1; i < label.length() - 1; i++) {
                char c = label.charAt(i);
                if (!isLetDig(c) && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isLetDig(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c > 0x7f;
    }

    /** RFC 5321 4.1.3 address literals: IPv4, "IPv6:" and the general form. */
    static boolean isAddressLiteral(String d) {
        if (d.length() < 3 || d.charAt(0) != '[' || d.charAt(d.length() - 1) != ']') {
            return false;
        }
        String body = d.substring(1, d.length() - 1);
        if (body.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return body.substring(5).matches("[0-9A-Fa-f:.]+") && body.indexOf(':', 5) >= 0;
        }
        if (body.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : body.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        int colon = body.indexOf(':');
        return colon > 0 && body.substring(0, colon).matches("[A-Za-z0-9-]*[A-Za-z0-9]")
                && body.substring(colon + 1).chars().allMatch(c -> c >= 33 && c <= 90 || c >= 94 && c <= 126);
    }

    /** RFC 5321 4.1.2 Mail-parameters: esmtp-keyword ["=" esmtp-value], separated by spaces. */
    static Map<String, String> parseParameters(String rest) throws SmtpSyntaxException {
        Map<String, String> params = new LinkedHashMap<>();
        if (rest.isEmpty()) {
            return params;
        }
        if (rest.charAt(0) != ' ') {
            throw SmtpSyntaxException.badParameter("Expected a space after the address");
        }
        for (String token : rest.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            String keyword = (eq < 0 ? token : token.substring(0, eq)).toUpperCase(Locale.ROOT);
            String value = eq < 0 ? "" : token.substring(eq + 1);
            if (!keyword.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw SmtpSyntaxException.badParameter("Bad parameter keyword");
            }
            if (eq >= 0 && (value.isEmpty() || value.indexOf('=') >= 0 || hasControl(value))) {
                throw SmtpSyntaxException.badParameter("Bad value for " + keyword);
            }
            if (params.putIfAbsent(keyword, value) != null) {
                throw SmtpSyntaxException.badParameter("Duplicate parameter " + keyword);
            }
        }
        return params;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 33 || c == 127);
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
