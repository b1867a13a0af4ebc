package org.mailplatform.imap.managesieve.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The command reader without sockets: strings, literals across lines, and what it refuses (RFC 5804 4). */
class CommandReaderTest {

    private final CommandReader reader = new CommandReader(4);

    @Test
    void quotedStringsAndAtoms() throws Exception {
        SieveCommandLine line = complete("putscript \"my \\\"script\\\"\" \"a\\\\b\"");
        assertThat(line.name()).isEqualTo("PUTSCRIPT");
        assertThat(line.string(0)).isEqualTo("my \"script\"");
        assertThat(line.string(1)).isEqualTo("a\\b");
        assertThat(complete("HAVESPACE \"x\" 4294967295").number(1)).isEqualTo(4294967295L);
        assertThatThrownBy(() -> complete("HAVESPACE \"x\" 4294967296").number(1)).isInstanceOf(SieveError.class);
    }

    @Test
    void literalsContinueTheCommandOnTheNextLine() throws Exception {
        assertThat(reader.line(bytes("PUTSCRIPT {4+}"))).isEqualTo(new CommandReader.Step.NeedLiteral(4));
        reader.literal(bytes("name"));
        assertThat(reader.line(bytes(" {3}"))).isEqualTo(new CommandReader.Step.NeedLiteral(3));
        reader.literal(bytes("k;\n"));
        CommandReader.Step end = reader.line(bytes(""));
        SieveCommandLine line = SieveCommandLine.of(((CommandReader.Step.Complete) end).tokens());
        assertThat(line.string(0)).isEqualTo("name");
        assertThat(line.string(1)).isEqualTo("k;\n");
        assertThat(reader.midCommand()).isFalse();
    }

    @Test
    void malformedInputIsRefusedWithTheLiteralToSkip() {
        assertMalformed("NOOP \"open", -1);
        assertMalformed("NOOP \"bad\\q\"", -1);
        assertMalformed("NOOP {12x}", -1);
        assertMalformed("NOOP {5+} trailing", -1);
        assertMalformed("A B C D E", -1);
        assertMalformed("NOOP \"" + "x".repeat(1025) + "\"", -1);
        // The literal announced at the end of a bad line still arrives and must be passed over.
        assertMalformed("PUTSCRIPT \"x {7+}", 7);
        assertMalformed("PUTSCRIPT \u0001 {7+}", 7);
    }

    @Test
    void invalidUtf8IsRefusedWhenReadAsAString() throws Exception {
        reader.line(bytes("CHECKSCRIPT {2+}"));
        reader.literal(new byte[] {(byte) 0xc3, (byte) 0x28});
        SieveCommandLine line = SieveCommandLine.of(((CommandReader.Step.Complete) reader.line(new byte[0])).tokens());
        assertThatThrownBy(() -> line.string(0)).isInstanceOf(SieveError.class).hasMessageContaining("UTF-8");
    }

    @Test
    void responsesQuoteOrUseALiteral() {
        assertThat(SieveResponses.string("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(SieveResponses.string("two\r\nlines")).isEqualTo("{10}\r\ntwo\r\nlines");
        assertThat(SieveResponses.response("NO", "QUOTA/MAXSIZE", "Too big")).isEqualTo("NO (QUOTA/MAXSIZE) \"Too big\"\r\n");
        assertThat(SieveResponses.response("OK", null, null)).isEqualTo("OK\r\n");
    }

    private void assertMalformed(String line, long literalToSkip) {
        assertThatThrownBy(() -> reader.line(bytes(line)))
                .isInstanceOfSatisfying(CommandReader.Malformed.class,
                        m -> assertThat(m.literalToSkip()).as(line).isEqualTo(literalToSkip));
        assertThat(reader.tokensSoFar()).isEmpty();
    }

    private SieveCommandLine complete(String line) throws Exception {
        CommandReader.Step step = reader.line(bytes(line));
        List<Token> tokens = ((CommandReader.Step.Complete) step).tokens();
        return SieveCommandLine.of(tokens);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
