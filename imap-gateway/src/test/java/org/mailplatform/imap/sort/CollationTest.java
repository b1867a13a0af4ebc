package org.mailplatform.imap.sort;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5051 i;unicode-casemap keys. */
class CollationTest {

    @Test
    void caseAndCompatibilityFormsCompareEqual() {
        assertThat(Collation.key("apple")).isEqualTo(Collation.key("APPLE"));
        assertThat(Collation.key("\u00e9mile")).isEqualTo(Collation.key("E\u0301MILE"));
        assertThat(Collation.key("\ufb01le")).isEqualTo(Collation.key("FILE"));
    }

    @Test
    void accentedLettersSortWithTheirBaseLetter() {
        assertThat(Collation.compare(Collation.key("\u00c9mile"), Collation.key("Mike"))).isNegative();
        assertThat(Collation.compare(Collation.key("Emile"), Collation.key("\u00c9mile"))).isNegative();
        assertThat(Collation.compare(Collation.key("abc"), Collation.key("abcd"))).isNegative();
        assertThat(Collation.compare(Collation.key("\ud83d\ude00"), Collation.key("\uffff"))).isPositive();
    }
}
