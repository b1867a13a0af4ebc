package org.mailplatform.smtp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A command line split into its verb and the rest. RFC 5321 2.4: verbs are case-insensitive.
 * The argument keeps its bytes decoded as UTF-8 so SMTPUTF8 (RFC 6531) addresses survive.
 */
public record SmtpCommandLine(String verb, String argument) {

    /**
     * @throws SmtpSyntaxException 501 5.5.2 when the line is not well-formed UTF-8 (RFC 3629: overlong
     *                             forms, encoded surrogates, bytes 0xC0, 0xC1, 0xF5-0xFF): RFC 6531 3.3
     *                             admits UTF-8 and nothing else beyond ASCII, and a lenient decoder would
     *                             turn such bytes into U+FFFD and accept the address
     */
    public static SmtpCommandLine parse(byte[] line) throws SmtpSyntaxException {
        String text = strictUtf8(line);
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

    private static String strictUtf8(byte[] line) throws SmtpSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SmtpSyntaxException(SmtpReply.of(501, "5.5.2", "Syntax error: command is not valid UTF-8"));
        }
    }
}
