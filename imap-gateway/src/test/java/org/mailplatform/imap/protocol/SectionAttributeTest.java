package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectionAttributeTest {

    @Test
    void wholeMessagePeek() throws Exception {
        SectionAttribute s = SectionAttribute.parse("BODY.PEEK[]");
        assertThat(s.peek()).isTrue();
        assertThat(s.part()).isEmpty();
        assertThat(s.text()).isNull();
        assertThat(s.hasPartial()).isFalse();
        assertThat(s.responseName()).isEqualTo("BODY[]");
    }

    @Test
    void headerFieldsWithPartial() throws Exception {
        SectionAttribute s = SectionAttribute.parse("body.peek[1.2.header.fields.not (From \"X-Spam\")]<0.2048>");
        assertThat(s.name()).isEqualTo("BODY.PEEK");
        assertThat(s.part()).containsExactly(1, 2);
        assertThat(s.text()).isEqualTo("HEADER.FIELDS.NOT");
        assertThat(s.headerFields()).containsExactly("From", "X-Spam");
        assertThat(s.partialOffset()).isZero();
        assertThat(s.partialLength()).isEqualTo(2048);
        assertThat(s.responseName()).isEqualTo("BODY[1.2.header.fields.not (From \"X-Spam\")]<0>");
    }

    @Test
    void partsMimeAndBinary() throws Exception {
        assertThat(SectionAttribute.parse("BODY[3.MIME]").text()).isEqualTo("MIME");
        assertThat(SectionAttribute.parse("BODY[4]").part()).containsExactly(4);
        SectionAttribute size = SectionAttribute.parse("BINARY.SIZE[1]");
        assertThat(size.binary()).isTrue();
        assertThat(size.peek()).isFalse();
        assertThat(SectionAttribute.parse("BINARY.PEEK[2]<100.50>").responseName()).isEqualTo("BINARY[2]<100>");
    }

    @Test
    void comesFromTheParserAsOneAtom() throws Exception {
        ImapRequest fetch = ParserDriver.request(ParserDriver.parse(
                "a FETCH 1 (BODY.PEEK[HEADER.FIELDS (From Subject)]<0.512>)\r\n").get(0));
        ImapArgReader items = fetch.reader();
        items.nextSequenceSet();
        SectionAttribute s = SectionAttribute.parse(items.nextList().nextAtom());
        assertThat(s.headerFields()).containsExactly("From", "Subject");
    }

    @ParameterizedTest
    @ValueSource(strings = {"BODY", "BODY[", "FOO[]", "BODY[0]", "BODY[1.]", "BODY[MIME]", "BODY[HEADER.FIELDS]",
        "BODY[HEADER.FIELDS ()]", "BODY[HEADER (From)]", "BODY[TEXT]<1>", "BODY[TEXT]<1.0>", "BODY[]x",
        "BINARY[HEADER]", "BINARY.SIZE[1]<0.5>", "BODY[HEADER.FIELDS (Fr:om)]", "BODY[1.2.3.FOO]"})
    void refusesInvalidSections(String atom) {
        assertThatThrownBy(() -> SectionAttribute.parse(atom)).isInstanceOf(ImapSyntaxException.class);
    }
}
