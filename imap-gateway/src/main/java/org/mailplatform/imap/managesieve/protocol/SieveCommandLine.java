package org.mailplatform.imap.managesieve.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One complete command: its name and its arguments, literals already read (RFC 5804 4).
 *
 * @param name      the command name, upper case (RFC 5804 4: command names are case-insensitive)
 * @param arguments every argument after the name, in order
 */
public record SieveCommandLine(String name, List<Token> arguments) {

    public SieveCommandLine {
        name = name.toUpperCase(Locale.ROOT);
        arguments = List.copyOf(arguments);
    }

    /** Builds a command line from the tokens a {@link CommandReader} assembled; the first must be an atom. */
    public static SieveCommandLine of(List<Token> tokens) throws SieveError {
        if (tokens.isEmpty() || !(tokens.getFirst() instanceof Token.Atom(String name))) {
            throw SieveError.no("Expected a command name");
        }
        return new SieveCommandLine(name, tokens.subList(1, tokens.size()));
    }

    public void requireArguments(int min, int max) throws SieveError {
        if (arguments.size() < min || arguments.size() > max) {
            throw SieveError.no(min == max
                    ? name + " takes " + min + " argument" + (min == 1 ? "" : "s")
                    : name + " takes " + min + " to " + max + " arguments");
        }
    }

    public int argumentCount() {
        return arguments.size();
    }

    /** Argument {@code index} as a string: quoted or literal, strictly UTF-8 (RFC 5804 4, RFC 3629). */
    public String string(int index) throws SieveError {
        return utf8(bytes(index));
    }

    /** The octets of a string argument, e.g. for a size check before decoding. */
    public byte[] bytes(int index) throws SieveError {
        Token token = arguments.get(index);
        return switch (token) {
            case Token.Quoted q -> q.bytes();
            case Token.Literal l -> l.bytes();
            case Token.Atom a -> throw SieveError.no("Argument " + (index + 1) + " of " + name + " must be a string");
        };
    }

    /** Argument {@code index} as a number (RFC 5804 4: 0 to 4294967295). */
    public long number(int index) throws SieveError {
        if (!(arguments.get(index) instanceof Token.Atom(String text)) || text.isEmpty() || text.length() > 10
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw SieveError.no("Argument " + (index + 1) + " of " + name + " must be a number");
        }
        long value = Long.parseLong(text);
        if (value > 0xFFFF_FFFFL) {
            throw SieveError.no("Number out of range");
        }
        return value;
    }

    public static String utf8(byte[] bytes) throws SieveError {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SieveError.no("String is not valid UTF-8");
        }
    }
}
