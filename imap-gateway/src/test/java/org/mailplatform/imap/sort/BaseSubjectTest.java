package org.mailplatform.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5256 2.1: base subject extraction. */
class BaseSubjectTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "Meeting|Meeting|false",
            "Re: Meeting|Meeting|true",
            "RE: re: Re:Meeting|Meeting|true",
            "Fwd: Meeting|Meeting|true",
            "FW: Meeting|Meeting|true",
            "fw:Meeting|Meeting|true",
            "Re[2]: Meeting|Meeting|true",
            "Re [list]: Meeting|Meeting|true",
            "[list] Meeting|Meeting|false",
            "[list] Re: Meeting|Meeting|true",
            "Re: [list] Re: [other] Meeting|Meeting|true",
            "Meeting (fwd)|Meeting|true",
            "Meeting (FWD) (fwd)|Meeting|true",
            "[fwd: Meeting]|Meeting|true",
            "[Fwd: Re: Meeting] (fwd)|Meeting|true",
            "Re: [fwd: [list] Meeting]|Meeting|true",
            "[blob]|[blob]|false",
            "[a][b]|[b]|false",
            "Re:|''|true",
            "'   Re:    lots \t of   space   '|lots of space|true",
            "Repair|Repair|false",
            "Fwdx: no|Fwdx: no|false",
            "[unclosed Meeting|[unclosed Meeting|false",
    })
    void extractsTheBaseSubject(String subject, String base, boolean reply) {
        BaseSubject extracted = BaseSubject.of(subject);
        assertThat(extracted.text()).isEqualTo(base);
        assertThat(extracted.replyOrForward()).isEqualTo(reply);
    }

    @Test
    void encodedWordsAreDecodedBeforeTheRulesApply() {
        assertThat(BaseSubject.of("=?UTF-8?Q?Re=3A_R=C3=A9sum=C3=A9?=").text()).isEqualTo("Résumé");
        assertThat(BaseSubject.of("Re: =?ISO-8859-1?Q?caf=E9?=\r\n =?ISO-8859-1?Q?_cr=E8me?=").text()).isEqualTo("café crème");
    }

    @Test
    void noSubjectIsTheEmptyBaseSubject() {
        assertThat(BaseSubject.of(null)).isEqualTo(BaseSubject.EMPTY);
        assertThat(BaseSubject.of("").text()).isEmpty();
    }

    @Test
    void pathologicalSubjectsStayLinear() {
        String subject = "Re: ".repeat(20_000) + "[x]".repeat(20_000) + " (fwd)".repeat(20_000);
        long start = System.nanoTime();
        assertThat(BaseSubject.of(subject).text()).isEqualTo("[x]");
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }
}
