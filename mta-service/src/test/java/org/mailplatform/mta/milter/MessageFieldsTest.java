package org.mailplatform.mta.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class MessageFieldsTest {

    private static final String MESSAGE = "Received: from a\r\n\tby b; Mon, 7 Dec 2026 00:00:00 +0000\r\n"
            + "Subject: hello\r\n"
            + "X-Spam: No\r\n"
            + "X-Spam: maybe\r\n"
            + "\r\n"
            + "body line\r\n.dot\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void fieldsAreSplitWithFoldsKeptAndTheBodyFollows() {
        MessageFields fields = MessageFields.parse(bytes(MESSAGE));

        assertThat(fields.namedFields()).extracting(MessageFields.Field::name)
                .containsExactly("Received", "Subject", "X-Spam", "X-Spam");
        assertThat(fields.namedFields().getFirst().value()).isEqualTo(" from a\r\n\tby b; Mon, 7 Dec 2026 00:00:00 +0000");
        assertThat(text(fields.body())).isEqualTo("body line\r\n.dot\r\n");
        assertThat(fields.apply(List.of(), false)).isEqualTo(bytes(MESSAGE));
    }

    @Test
    void editsAddInsertChangeAndDelete() {
        byte[] edited = MessageFields.parse(bytes(MESSAGE)).apply(List.of(
                new HeaderEdit.Add("X-Spam-Score", "9.0"),
                new HeaderEdit.Insert(0, "Authentication-Results", "mx; none"),
                new HeaderEdit.Change(2, "x-spam", "Yes"),
                new HeaderEdit.Change(1, "Subject", "")), false);

        assertThat(text(edited)).isEqualTo("Authentication-Results: mx; none\r\n"
                + "Received: from a\r\n\tby b; Mon, 7 Dec 2026 00:00:00 +0000\r\n"
                + "X-Spam: No\r\n"
                + "x-spam: Yes\r\n"
                + "X-Spam-Score: 9.0\r\n"
                + "\r\n"
                + "body line\r\n.dot\r\n");
    }

    @Test
    void aValueCannotStartAFieldOrEndTheHeaderSectionOfItsOwn() {
        byte[] edited = MessageFields.parse(bytes(MESSAGE)).apply(List.of(
                new HeaderEdit.Add("X-Report", "first\nX-Injected: yes\r\n\r\nbody?\rstill\0")), false);

        String out = text(edited);
        assertThat(out).contains("X-Report: first\r\n\tX-Injected: yes\r\n\tbody?still\r\n\r\nbody line");
        assertThat(MessageFields.parse(edited).namedFields()).extracting(MessageFields.Field::name)
                .doesNotContain("X-Injected");
    }

    @Test
    void withLeadingSpaceNegotiatedTheValueIsWrittenAsGiven() {
        byte[] edited = MessageFields.parse(bytes("A: b\r\n\r\nx")).apply(List.of(new HeaderEdit.Add("X", " y")), true);
        assertThat(text(edited)).isEqualTo("A: b\r\nX: y\r\n\r\nx");
    }

    @Test
    void aMessageWithoutBodyOrWithoutHeadersStillParses() {
        MessageFields headersOnly = MessageFields.parse(bytes("Subject: x\r\n"));
        assertThat(headersOnly.body()).isEmpty();
        assertThat(text(headersOnly.apply(List.of(new HeaderEdit.Add("X", "1")), false)))
                .isEqualTo("Subject: x\r\nX: 1\r\n\r\n");

        MessageFields bodyOnly = MessageFields.parse(bytes("\r\njust a body\r\n"));
        assertThat(bodyOnly.namedFields()).isEmpty();
        assertThat(text(bodyOnly.body())).isEqualTo("just a body\r\n");
    }

    @Test
    void fieldNamesFollowRfc5322() {
        assertThat(MessageFields.validName("X-Spam")).isTrue();
        assertThat(MessageFields.validName("X Spam")).isFalse();
        assertThat(MessageFields.validName("X:Spam")).isFalse();
        assertThat(MessageFields.validName("")).isFalse();
    }
}
