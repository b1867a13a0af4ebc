package org.mailplatform.imap.managesieve.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Assembles a command from the lines and literals it arrives in (RFC 5804 4): a line may end in a
 * literal header {@code {n+}} (or {@code {n}}), the literal's octets follow, and the command goes on
 * in the next line. No I/O: the caller reads the literal and hands it over with {@link #literal}.
 * Also reads the client's strings during AUTHENTICATE (RFC 5804 2.1), which are commands without a
 * name.
 */
public final class CommandReader {

    /** What the caller does next. */
    public sealed interface Step {

        /** The command is complete. */
        record Complete(List<Token> tokens) implements Step {
        }

        /** Read {@code size} octets and pass them to {@link #literal}, then the next line. */
        record NeedLiteral(long size) implements Step {
        }
    }

    /** A line that is not a command; {@code literalToSkip} octets of a literal announced at its end follow (-1: none). */
    public static final class Malformed extends Exception {

        private final long literalToSkip;

        Malformed(String message, long literalToSkip) {
            super(message, null, false, false);
            this.literalToSkip = literalToSkip;
        }

        public long literalToSkip() {
            return literalToSkip;
        }
    }

    private final int maxTokens;
    private final List<Token> tokens = new ArrayList<>();
    private boolean continuing;

    /** @param maxTokens the command name and arguments together; more is refused */
    public CommandReader(int maxTokens) {
        this.maxTokens = maxTokens;
    }

    /** True between a literal header and the line that ends the command. */
    public boolean midCommand() {
        return continuing;
    }

    /** The tokens read so far, e.g. to name the command a too-large literal belongs to. */
    public List<Token> tokensSoFar() {
        return List.copyOf(tokens);
    }

    /** Forgets a partly read command. */
    public void reset() {
        tokens.clear();
        continuing = false;
    }

    public Step line(byte[] line) throws Malformed {
        if (!continuing) {
            tokens.clear();
        }
        continuing = false;
        int i = 0;
        while (i < line.length) {
            byte b = line[i];
            if (b == ' ') {
                i++;
                continue;
            }
            if (tokens.size() >= maxTokens) {
                throw malformed("Too many arguments", line);
            }
            if (b == '"') {
                i = quoted(line, i + 1);
            } else if (b == '{') {
                long size = literalHeader(line, i);
                if (size < 0) {
                    throw malformed("Invalid literal", line);
                }
                continuing = true;
                return new Step.NeedLiteral(size);
            } else {
                i = atom(line, i);
            }
        }
        List<Token> command = List.copyOf(tokens);
        tokens.clear();
        return new Step.Complete(command);
    }

    public void literal(byte[] bytes) {
        tokens.add(new Token.Literal(bytes));
    }

    /**
     * RFC 5804 4 literal-c2s is {@code {n+}}; a client's {@code {n}} is read the same way, as the
     * protocol has no continuation response to wait for. The header must end the line.
     */
    private static long literalHeader(byte[] line, int open) {
        int i = open + 1;
        long size = 0;
        int digits = 0;
        while (i < line.length && line[i] >= '0' && line[i] <= '9') {
            if (++digits > 10) {
                return -1;
            }
            size = size * 10 + (line[i] - '0');
            i++;
        }
        if (digits == 0 || size > 0xFFFF_FFFFL) {
            return -1;
        }
        if (i < line.length && line[i] == '+') {
            i++;
        }
        return i == line.length - 1 && line[i] == '}' ? size : -1;
    }

    /** RFC 5804 4: QUOTED-CHAR is a UTF-8 character other than NUL, CR, LF, '"' and '\', or '\' before '"' or '\'. */
    private int quoted(byte[] line, int start) throws Malformed {
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        int i = start;
        while (i < line.length) {
            byte b = line[i++];
            if (b == '"') {
                if (value.size() > SieveResponses.MAX_QUOTED) {
                    throw malformed("Quoted string longer than " + SieveResponses.MAX_QUOTED + " octets; use a literal", line);
                }
                tokens.add(new Token.Quoted(value.toByteArray()));
                return i;
            }
            if (b == '\\') {
                if (i == line.length || (line[i] != '"' && line[i] != '\\')) {
                    throw malformed("Invalid escape in quoted string", line);
                }
                b = line[i++];
            } else if (b == 0 || b == '\r') {
                throw malformed("Invalid character in quoted string", line);
            }
            value.write(b);
        }
        throw malformed("Unterminated quoted string", line);
    }

    private int atom(byte[] line, int start) throws Malformed {
        int i = start;
        while (i < line.length && line[i] != ' ') {
            byte b = line[i];
            if (b <= 0x20 || b >= 0x7f || b == '"' || b == '{' || b == '}') {
                throw malformed("Invalid character in command", line);
            }
            i++;
        }
        tokens.add(new Token.Atom(new String(line, start, i - start, java.nio.charset.StandardCharsets.US_ASCII)));
        return i;
    }

    private Malformed malformed(String message, byte[] line) {
        tokens.clear();
        continuing = false;
        int open = lastIndexOf(line, (byte) '{');
        return new Malformed(message, open < 0 ? -1 : literalHeader(line, open));
    }

    private static int lastIndexOf(byte[] line, byte wanted) {
        for (int i = line.length - 1; i >= 0; i--) {
            if (line[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
