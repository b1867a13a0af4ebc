package org.mailplatform.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A command line split into its verb and the rest. RFC 5321 2.4: verbs are case-insensitive.
 * The argument keeps its bytes decoded as UTF-8 so SMTPUTF8 (RFC 6531) addresses survive.
 */
public record SmtpCommandLine(String verb, String argument) {

    public static SmtpCommandLine parse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        int sp = text.indexOf(' ');
        if (sp < 0) {
            return new SmtpCommandLine(text.toUpperCase(Locale.ROOT), "");
        }
        return new SmtpCommandLine(text.substring(0, sp).toUpperCase(Locale.ROOT), text.substring(sp + 1));
    }

    /**
     * For MAIL and RCPT the verb is two words ("MAIL FROM:"); returns the text after the colon
     * when the argument starts with {@code keyword} (case-insensitive), else null.
     * Spaces between the colon and the path are tolerated, as common servers do, though
     * RFC 5321 4.1.1.2 has none.
     */
    public String afterKeyword(String keyword) {
        if (argument.length() < keyword.length()
                || !argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        String rest = argument.substring(keyword.length());
        int i = 0;
        while (i < rest.length() && rest.charAt(i) == ' ') {
            i++;
        }
        return rest.substring(i);
    }
}
