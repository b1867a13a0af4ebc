package org.mailplatform.sieve;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Sieve mail filtering (RFC 5228): the entry points. {@link #validate} checks a script at upload
 * (ManageSieve PUTSCRIPT / CHECKSCRIPT, RFC 5804 2.6 and 2.12, and the admin API), {@link #compile}
 * makes a runnable {@link Script}, {@link #run} applies it to one message at delivery.
 */
public final class SieveScripts {

    /**
     * The extensions a script may require, in the order the SIEVE capability lists them (RFC 5804
     * 1.7): fileinto, reject and envelope (RFC 5228), ereject (RFC 5429), imap4flags (RFC 5232),
     * variables (RFC 5229), vacation (RFC 5230) and vacation-seconds (RFC 6131), relational
     * (RFC 5231), comparator-i;ascii-numeric (RFC 4790), body (RFC 5173), copy (RFC 3894), mailbox
     * (RFC 5490), spamtest and spamtestplus (RFC 5235).
     */
    public static final List<String> EXTENSIONS = List.of("fileinto", "reject", "ereject", "envelope",
            "imap4flags", "variables", "vacation", "vacation-seconds", "relational", "comparator-i;ascii-numeric",
            "body", "copy", "mailbox", "spamtest", "spamtestplus");

    private SieveScripts() {
    }

    /** The SIEVE capability string: the extensions separated by spaces. */
    public static String capability() {
        return String.join(" ", EXTENSIONS);
    }

    /** @return the first problem with the script, as "line N: what", or empty when it can run */
    public static Optional<String> validate(String script) {
        return validate(script, SieveLimits.DEFAULTS);
    }

    public static Optional<String> validate(String script, SieveLimits limits) {
        try {
            compile(script, limits);
            return Optional.empty();
        } catch (SieveSyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** RFC 5228 2.1: a script is UTF-8; bytes that are not are an error, not replacement characters. */
    public static Optional<String> validate(byte[] script) {
        try {
            return validate(utf8(script));
        } catch (SieveSyntaxException e) {
            return Optional.of(e.getMessage());
        }
    }

    public static Script compile(String script) throws SieveSyntaxException {
        return compile(script, SieveLimits.DEFAULTS);
    }

    public static Script compile(String script, SieveLimits limits) throws SieveSyntaxException {
        if (script.length() > limits.maxScriptChars()) {
            throw new SieveSyntaxException(1, "script longer than " + limits.maxScriptChars() + " characters");
        }
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < script.length()
                    && Character.isLowSurrogate(script.charAt(++i)))) {
                throw new SieveSyntaxException(lineOf(script, i), "the script is not valid UTF-8");
            }
            if (c == 0) {
                throw new SieveSyntaxException(lineOf(script, i), "NUL is not allowed in a script");
            }
        }
        return Compiler.compile(Parser.parse(script, limits));
    }

    /**
     * Runs the script against one message. Never throws: a runtime error gives the implicit keep
     * and says why (RFC 5228 2.10.6).
     */
    public static SieveResult run(Script script, SieveInput input, SieveLimits limits) {
        return Interpreter.run(script, input, limits);
    }

    public static String utf8(byte[] script) throws SieveSyntaxException {
        ByteBuffer in = ByteBuffer.wrap(script);
        CharBuffer out = CharBuffer.allocate(script.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (script[i] == '\n') {
                    line++;
                }
            }
            throw new SieveSyntaxException(line, "the script is not valid UTF-8 (byte " + (in.position() + 1) + ")");
        }
        return out.flip().toString();
    }

    private static int lineOf(String script, int index) {
        int line = 1;
        for (int i = 0; i < index && i < script.length(); i++) {
            if (script.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
