package org.mailplatform.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class HeaderFieldsTest {

    @Test
    void fieldsAreUnfoldedAndEncodedWordsDecoded() {
        byte[] header = ("From: =?UTF-8?Q?J=C3=B6rg?= <j@x.test>\r\nSubject: a long\r\n  folded line\r\n"
                + "X-Raw: Grüße\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        List<HeaderFields.Field> fields = HeaderFields.parse(header);
        assertThat(fields).extracting(HeaderFields.Field::name).containsExactly("From", "Subject", "X-Raw");
        assertThat(HeaderFields.matches(fields, "from", "jörg")).isTrue();
        assertThat(HeaderFields.matches(fields, "subject", "LONG  FOLDED")).isTrue();
        assertThat(HeaderFields.matches(fields, "x-raw", "grüße")).isTrue();
        assertThat(HeaderFields.matches(fields, "to", "")).isFalse();
        assertThat(HeaderFields.matches(fields, "subject", "")).isTrue();
        assertThat(HeaderFields.anyContains(fields, "x.test")).isTrue();
    }
}
