package org.mailplatform.message;

import java.util.Locale;
import java.util.Map;

/**
 * The readable text of an HTML body, for search only: tags, comments, scripts and styles are
 * dropped, character references decoded, white space collapsed. Not an HTML parser; it only
 * has to find the words.
 */
final class HtmlText {

    private static final Map<String, String> ENTITIES = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ");

    private HtmlText() {
    }

    static String toText(String html) {
        StringBuilder out = new StringBuilder(html.length() / 2);
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c == '<') {
                i = skipMarkup(html, i);
                space(out);
            } else if (c == '&') {
                i = entity(html, i, out);
            } else if (Character.isWhitespace(c)) {
                space(out);
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip();
    }

    private static int skipMarkup(String html, int i) {
        if (html.startsWith("<!--", i)) {
            int end = html.indexOf("-->", i + 4);
            return end < 0 ? html.length() : end + 3;
        }
        int end = html.indexOf('>', i);
        if (end < 0) {
            return html.length();
        }
        String tag = html.substring(i + 1, Math.min(end, i + 8)).toLowerCase(Locale.ROOT);
        for (String skipped : new String[] {"script", "style"}) {
            if (tag.startsWith(skipped)) {
                int close = indexOfIgnoreCase(html, "</" + skipped, end);
                if (close < 0) {
                    return html.length();
                }
                int closeEnd = html.indexOf('>', close);
                return closeEnd < 0 ? html.length() : closeEnd + 1;
            }
        }
        return end + 1;
    }

    private static int indexOfIgnoreCase(String text, String needle, int from) {
        for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
            if (text.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }

    private static int entity(String html, int i, StringBuilder out) {
        int semi = html.indexOf(';', i);
        if (semi < 0 || semi - i > 10) {
            out.append('&');
            return i + 1;
        }
        String name = html.substring(i + 1, semi);
        String decoded = null;
        if (name.startsWith("#")) {
            try {
                int code = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                if (Character.isValidCodePoint(code)) {
                    decoded = Character.toString(code);
                }
            } catch (NumberFormatException e) {
                decoded = null;
            }
        } else {
            decoded = ENTITIES.get(name.toLowerCase(Locale.ROOT));
        }
        if (decoded == null) {
            out.append('&');
            return i + 1;
        }
        if (decoded.isBlank()) {
            space(out);
        } else {
            out.append(decoded);
        }
        return semi + 1;
    }

    private static void space(StringBuilder out) {
        if (!out.isEmpty() && out.charAt(out.length() - 1) != ' ') {
            out.append(' ');
        }
    }
}
