package org.mailplatform.msgauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7489 3.2 with the Public Suffix List's matching rules (longest rule, wildcards, exceptions). */
class PublicSuffixListTest {

    private static final PublicSuffixList LIST = PublicSuffixList.parse(List.of(
            "// comment", "", "test", "co.test", "*.wild.test", "!keep.wild.test", "xn--p1ai"));

    @ParameterizedTest
    @CsvSource({
            "example.test,                example.test",
            "a.b.example.test,            example.test",
            "shop.example.co.test,        example.co.test",
            "co.test,                     co.test",
            "x.y.wild.test,               x.y.wild.test",
            "z.x.y.wild.test,             x.y.wild.test",
            "a.keep.wild.test,            keep.wild.test",
            "Mail.Example.TEST.,          example.test",
            "a.пример.рф,                 xn--e1afmkfd.xn--p1ai",
            "test,                        test"})
    void organizationalDomain(String domain, String expected) {
        assertThat(LIST.organizationalDomain(domain)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"a.b.example.com, example.com", "example.co.uk, co.uk", "com, com"})
    void withoutAListTheLastTwoLabels(String domain, String expected) {
        assertThat(PublicSuffixList.topLevelOnly().organizationalDomain(domain)).isEqualTo(expected);
    }
}
