package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.imap.protocol.ParserDriver.parse;
import static org.mailplatform.imap.protocol.ParserDriver.request;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class ImapArgReaderTest {

    private static ImapArgReader args(String command) {
        List<ParseEvent> events = parse(command + "\r\n");
        return request(events.getLast()).reader();
    }

    /** The arguments of {@code command} after the first {@code skip}. */
    private static ImapArgReader argsAfter(String command, int skip) throws ImapSyntaxException {
        ImapArgReader r = args(command);
        for (int i = 0; i < skip; i++) {
            r.next();
        }
        return r;
    }

    @Test
    void astringsInEveryForm() throws Exception {
        ImapArgReader r = args("a LOGIN alice \"s p\\\"a\\\\ce\" {3}\r\npä");
        assertThat(r.nextAstring()).isEqualTo("alice");
        assertThat(r.nextAstring()).isEqualTo("s p\"a\\ce");
        assertThat(r.hasNext()).isTrue();
        assertThatThrownBy(r::end).isInstanceOf(ImapSyntaxException.class);
        assertThat(r.nextAstring()).isEqualTo("pä");
        r.end();
    }

    @Test
    void astringBytesAreNotDecoded() throws Exception {
        List<ParseEvent> events = ParserDriver.parse(new byte[] {'a', ' ', 'L', ' ', '{', '2', '+', '}', '\r', '\n',
            (byte) 0xE4, (byte) 0xFF, '\r', '\n'}, 100);
        ImapArgReader r = request(events.get(0)).reader();
        assertThatThrownBy(r::nextAstring).isInstanceOf(ImapSyntaxException.class).hasMessageContaining("UTF-8");
        assertThat(r.nextAstringBytes()).containsExactly((byte) 0xE4, (byte) 0xFF);
    }

    @Test
    void wildcardsAreNotAstringAtoms() throws Exception {
        ImapArgReader r = args("a LIST \"\" %/*");
        assertThat(r.nextMailbox(false)).isEmpty();
        assertThatThrownBy(r::nextAstring).isInstanceOf(ImapSyntaxException.class);
        assertThat(r.nextListMailbox()).isEqualTo("%/*");
    }

    @Test
    void nstringNil() throws Exception {
        ImapArgReader r = args("a ID (\"name\" NIL nil \"NIL\")").nextList();
        assertThat(r.nextNstring()).isEqualTo("name");
        assertThat(r.nextNstring()).isNull();
        assertThat(r.nextNstring()).isNull();
        assertThat(r.nextNstring()).isEqualTo("NIL");
        r.end();
    }

    @Test
    void numbersHaveTheirRanges() throws Exception {
        ImapArgReader r = args("a X 0 4294967295 4294967296 9223372036854775807 -1 12a");
        assertThatThrownBy(r::nextNzNumber).isInstanceOf(ImapSyntaxException.class);
        assertThat(r.nextNumber()).isZero();
        assertThat(r.nextNzNumber()).isEqualTo(4294967295L);
        assertThatThrownBy(r::nextNumber).isInstanceOf(ImapSyntaxException.class);
        assertThat(r.nextNumber64()).isEqualTo(4294967296L);
        assertThat(r.nextNumber64()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(r::nextNumber64).isInstanceOf(ImapSyntaxException.class);
        r.next();
        assertThatThrownBy(r::nextNumber).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void failedAccessorConsumesNothing() throws Exception {
        ImapArgReader r = args("a X abc");
        assertThatThrownBy(r::nextNumber).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(r::nextList).isInstanceOf(ImapSyntaxException.class);
        assertThat(r.nextAtom()).isEqualTo("abc");
        assertThatThrownBy(r::nextAtom).isInstanceOf(ImapSyntaxException.class).hasMessage("Missing atom");
    }

    @Test
    void storeArguments() throws Exception {
        ImapArgReader r = args("a UID STORE 1:3 +FLAGS.SILENT (\\deleted $Forwarded)");
        assertThat(r.nextSequenceSet()).hasToString("1:3");
        assertThat(r.nextKeyword()).isEqualTo("+FLAGS.SILENT");
        assertThat(r.flagsToEnd()).containsExactly("\\Deleted", "$Forwarded");
        assertThat(argsAfter("a STORE 2 FLAGS \\Seen \\Answered", 2).flagsToEnd())
                .containsExactly("\\Seen", "\\Answered");
    }

    @Test
    void invalidFlagsAreRefused() {
        assertThatThrownBy(() -> argsAfter("a STORE 1 FLAGS (\\*)", 2).nextFlagList()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> argsAfter("a STORE 1 FLAGS (\\)", 2).nextFlagList()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> argsAfter("a STORE 1 FLAGS (a%b)", 2).nextFlagList()).isInstanceOf(ImapSyntaxException.class);
        assertThatThrownBy(() -> argsAfter("a STORE 1 FLAGS (\"x\")", 2).nextFlagList()).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void datesInSearch() throws Exception {
        ImapArgReader r = args("a SEARCH SINCE 1-Feb-1994 BEFORE \"15-Mar-2020\"");
        r.expectAtom("since");
        assertThat(r.nextDate()).isEqualTo(LocalDate.of(1994, 2, 1));
        assertThat(r.nextIfAtom("BEFORE")).isTrue();
        assertThat(r.nextDate()).isEqualTo(LocalDate.of(2020, 3, 15));
        r.end();
    }

    @Test
    void mailboxNamesAreDecoded() throws Exception {
        ImapArgReader r = args("a RENAME inbox Entw&APw-rfe");
        assertThat(r.nextMailbox(false)).isEqualTo("INBOX");
        assertThat(r.nextMailbox(false)).isEqualTo("Entwürfe");
        ImapArgReader bad = args("a SELECT &AGE-");
        assertThatThrownBy(() -> bad.nextMailbox(false)).isInstanceOf(ImapSyntaxException.class);
        assertThat(bad.hasNext()).isTrue();
    }

    @Test
    void selectWithQresyncParameters() throws Exception {
        ImapArgReader r = args("a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))");
        assertThat(r.nextMailbox(false)).isEqualTo("INBOX");
        ImapArgReader params = r.nextList();
        params.expectAtom("QRESYNC");
        ImapArgReader qresync = params.nextList();
        assertThat(qresync.nextNzNumber()).isEqualTo(67890007L);
        assertThat(qresync.nextNumber64()).isEqualTo(20050715194045000L);
        assertThat(qresync.nextSequenceSet().contains(300, 600)).isTrue();
        qresync.end();
        params.end();
        r.end();
    }
}
