package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.imap.protocol.ParserDriver.bytes;
import static org.mailplatform.imap.protocol.ParserDriver.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImapResponseWriterTest {

    private final ImapResponseWriter out = new ImapResponseWriter();

    private String written() {
        return new String(out.drain(), StandardCharsets.UTF_8);
    }

    @Test
    void taggedUntaggedAndContinuation() {
        out.tagged("A1", ImapStatus.OK, ResponseCode.READ_WRITE, "SELECT completed");
        out.untagged(ImapStatus.OK, ResponseCode.uidValidity(3857529045L), "UIDs valid");
        out.untagged(ImapStatus.BYE, null, "Server shutting down");
        out.continuation("Ready for literal data");
        out.continuation("");
        assertThat(written()).isEqualTo("A1 OK [READ-WRITE] SELECT completed\r\n"
                + "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                + "* BYE Server shutting down\r\n"
                + "+ Ready for literal data\r\n"
                + "+ \r\n");
    }

    @Test
    void textCannotBreakTheLine() {
        out.tagged("a", ImapStatus.NO, null, "bad\r\n* OK injected");
        out.tagged("b", ImapStatus.BAD, null, "");
        out.tagged("c", ImapStatus.NO, null, "Grüße");
        assertThat(written()).isEqualTo("a NO bad  * OK injected\r\nb BAD Error in command\r\nc NO Gr??e\r\n");
        out.enableUtf8();
        out.tagged("d", ImapStatus.NO, null, "Grüße");
        assertThat(written()).isEqualTo("d NO Grüße\r\n");
    }

    @Test
    void refusesInvalidTagsAndTaggedBye() {
        assertThatThrownBy(() -> out.tagged("a b", ImapStatus.OK, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.tagged("+", ImapStatus.OK, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> out.tagged("a", ImapStatus.BYE, null, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stringsTakeTheLightestSafeForm() {
        out.untagged().atom("X")
                .astring("plain")
                .astring("two words")
                .astring("NIL")
                .astring("")
                .string("plain")
                .string("quote\" and \\")
                .string("line\r\nbreak")
                .string("Grüße")
                .nstring((String) null)
                .end();
        assertThat(written()).isEqualTo("* X plain \"two words\" \"NIL\" \"\" \"plain\" \"quote\\\" and \\\\\" "
                + "{11}\r\nline\r\nbreak {7}\r\nGrüße NIL\r\n");
    }

    @Test
    void eightBitIsQuotedOnceUtf8IsEnabled() {
        out.enableUtf8();
        out.untagged().string("Grüße").string("a\rb").end();
        assertThat(written()).isEqualTo("* \"Grüße\" {3}\r\na\rb\r\n");
    }

    @Test
    void longStringsBecomeLiterals() {
        String longText = "x".repeat(2000);
        out.untagged().string(longText).end();
        assertThat(written()).isEqualTo("* {2000}\r\n" + longText + "\r\n");
    }

    @Test
    void fetchResponseWithNestedListsLiteralsAndBinary() {
        out.untagged().number(12).atom("FETCH").openList()
                .atom("UID").number(4827313)
                .atom("FLAGS").flags(List.of("\\Seen", "$Forwarded"))
                .atom("INTERNALDATE").dateTime(OffsetDateTime.of(1996, 7, 17, 2, 44, 25, 0, ZoneOffset.ofHours(-7)))
                .atom("BODY[HEADER.FIELDS (FROM)]").literal(bytes("From: a\r\n\r\n"))
                .atom("BINARY[1]").binary(new byte[] {1, 0, 2})
                .atom("BINARY[2]").binary(bytes("ok"))
                .atom("BODY[TEXT]").nstring((byte[]) null)
                .atom("X").nstring(bytes("short"))
                .closeList().end();
        assertThat(written()).isEqualTo("* 12 FETCH (UID 4827313 FLAGS (\\Seen $Forwarded) "
                + "INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" BODY[HEADER.FIELDS (FROM)] {11}\r\nFrom: a\r\n\r\n "
                + "BINARY[1] ~{3}\r\n\u0001\u0000\u0002 BINARY[2] {2}\r\nok BODY[TEXT] NIL X \"short\")\r\n");
    }

    @Test
    void multipartBodyStructureHasAdjacentParts() {
        out.untagged().atom("BODYSTRUCTURE").openList()
                .openList().string("TEXT").string("PLAIN").closeList()
                .adjacent().openList().string("TEXT").string("HTML").closeList()
                .string("ALTERNATIVE").closeList().end();
        assertThat(written()).isEqualTo(
                "* BODYSTRUCTURE ((\"TEXT\" \"PLAIN\")(\"TEXT\" \"HTML\") \"ALTERNATIVE\")\r\n");
    }

    @Test
    void listResponseEncodesMailboxNames() {
        out.untagged().atom("LIST").openList().atom("\\HasNoChildren").closeList().string("/").mailbox("Entwürfe").end();
        out.untagged().atom("LIST").openList().closeList().string("/").mailbox("Tom & Jerry").end();
        assertThat(written()).isEqualTo("* LIST (\\HasNoChildren) \"/\" Entw&APw-rfe\r\n"
                + "* LIST () \"/\" \"Tom &- Jerry\"\r\n");
        out.enableUtf8();
        out.untagged().atom("LIST").openList().closeList().string("/").mailbox("Entwürfe").end();
        assertThat(written()).isEqualTo("* LIST () \"/\" \"Entwürfe\"\r\n");
    }

    @Test
    void unbalancedListsAreCaught() {
        assertThatThrownBy(() -> out.untagged().openList().end()).isInstanceOf(IllegalStateException.class);
        out.clear();
        assertThatThrownBy(() -> out.untagged().closeList()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void responseCodes() throws Exception {
        assertThat(ResponseCode.capability(List.of("IMAP4rev1", "IMAP4rev2", "LITERAL+")).toWire())
                .isEqualTo("[CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+]");
        assertThat(ResponseCode.permanentFlags(List.of("\\Seen", "\\Deleted", "\\*")).toWire())
                .isEqualTo("[PERMANENTFLAGS (\\Seen \\Deleted \\*)]");
        assertThat(ResponseCode.uidNext(4392).toWire()).isEqualTo("[UIDNEXT 4392]");
        assertThat(ResponseCode.unseen(12).toWire()).isEqualTo("[UNSEEN 12]");
        assertThat(ResponseCode.appendUid(38505, 3955).toWire()).isEqualTo("[APPENDUID 38505 3955]");
        assertThat(ResponseCode.copyUid(38505, SequenceSet.parse("304,319:320"), SequenceSet.of(3956, 3957, 3958)).toWire())
                .isEqualTo("[COPYUID 38505 304,319:320 3956:3958]");
        assertThat(ResponseCode.highestModSeq(715194045007L).toWire()).isEqualTo("[HIGHESTMODSEQ 715194045007]");
        assertThat(ResponseCode.modified(SequenceSet.of(7, 9)).toWire()).isEqualTo("[MODIFIED 7,9]");
        assertThat(ResponseCode.badCharset(List.of("UTF-8", "US ASCII")).toWire()).isEqualTo("[BADCHARSET (UTF-8 \"US ASCII\")]");
        assertThat(ResponseCode.TOOBIG.toWire()).isEqualTo("[TOOBIG]");
        assertThat(ResponseCode.READ_ONLY.toWire()).isEqualTo("[READ-ONLY]");
        assertThat(ResponseCode.NOMODSEQ.toWire()).isEqualTo("[NOMODSEQ]");
        assertThat(ResponseCode.CLOSED.toWire()).isEqualTo("[CLOSED]");
        assertThat(ResponseCode.OVERQUOTA.toWire()).isEqualTo("[OVERQUOTA]");
        assertThat(ResponseCode.of("x-custom", "data").toWire()).isEqualTo("[X-CUSTOM data]");
        assertThatThrownBy(() -> ResponseCode.of("BAD NAME")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResponseCode.referral("imap://x/]")).isInstanceOf(IllegalArgumentException.class);
        out.tagged("a", ImapStatus.NO, ResponseCode.TRYCREATE, "No such mailbox");
        assertThat(written()).isEqualTo("a NO [TRYCREATE] No such mailbox\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "two words", "quote\" back\\slash", "", "NIL", "line\r\nbreak", "{5}", "(x)", "tab\tand ~"})
    void encodedStringsParseBackToTheSameValue(String value) throws Exception {
        out.untagged().string(value).astring(value).end();
        byte[] response = out.drain();
        // A response's string grammar is the command's: parse it back as arguments.
        ByteArrayOutputStream command = new ByteArrayOutputStream();
        command.writeBytes(bytes("t X"));
        command.write(response, 1, response.length - 1);
        List<ParseEvent> events = ParserDriver.parse(command.toByteArray(), 1);
        ImapArgReader r = request(events.getLast()).reader();
        assertThat(r.nextString()).isEqualTo(value);
        assertThat(r.nextAstring()).isEqualTo(value);
        r.end();
    }

    @Test
    void writesToAStream() throws Exception {
        out.continuation("go");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        out.writeTo(sink);
        assertThat(sink.toString(StandardCharsets.US_ASCII)).isEqualTo("+ go\r\n");
        assertThat(out.size()).isEqualTo(6);
        out.clear();
        assertThat(out.size()).isZero();
    }
}
