package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailplatform.imap.protocol.SequenceSet.Range;

class SequenceSetTest {

    @Test
    void parsesRangesAsWritten() throws Exception {
        SequenceSet set = SequenceSet.parse("1:5,7,9:*");
        assertThat(set.ranges()).containsExactly(new Range(1, 5), new Range(7, 7), new Range(9, SequenceSet.STAR));
        assertThat(set.containsStar()).isTrue();
        assertThat(set).hasToString("1:5,7,9:*");
    }

    @Test
    void resolvesStarOrdersAndMerges() throws Exception {
        assertThat(SequenceSet.parse("9:*,1:5,4:7,3").resolve(12)).containsExactly(new Range(1, 7), new Range(9, 12));
        assertThat(SequenceSet.parse("9:*,1:5,4:8,3").resolve(12)).containsExactly(new Range(1, 12));
        assertThat(SequenceSet.parse("5:2,10,8:9").resolve(100)).containsExactly(new Range(2, 5), new Range(8, 10));
        assertThat(SequenceSet.parse("*").resolve(42)).containsExactly(new Range(42, 42));
        assertThat(SequenceSet.parse("1:3,5").normalized(9)).hasToString("1:3,5");
    }

    @Test
    void uidRangeAboveTheHighestUidStillIncludesIt() throws Exception {
        // RFC 9051 6.4.9: 559:* includes the last message even when 559 is larger than its UID.
        SequenceSet set = SequenceSet.parse("559:*");
        assertThat(set.resolve(400)).containsExactly(new Range(400, 559));
        assertThat(set.contains(400, 400)).isTrue();
        assertThat(set.contains(399, 400)).isFalse();
    }

    @Test
    void starInAnEmptyMailboxMatchesNothing() throws Exception {
        assertThat(SequenceSet.parse("*").resolve(0)).isEmpty();
        assertThat(SequenceSet.parse("*").normalized(0)).isNull();
        assertThat(SequenceSet.parse("3:*").resolve(0)).containsExactly(new Range(1, 3));
    }

    @Test
    void membership() throws Exception {
        SequenceSet set = SequenceSet.parse("1:5,7,20:10");
        assertThat(set.contains(1, 50)).isTrue();
        assertThat(set.contains(6, 50)).isFalse();
        assertThat(set.contains(7, 50)).isTrue();
        assertThat(set.contains(15, 50)).isTrue();
        assertThat(set.contains(21, 50)).isFalse();
        assertThat(set.contains(0, 50)).isFalse();
        assertThat(set.size(50)).isEqualTo(17);
    }

    @Test
    void savedSearchResult() throws Exception {
        SequenceSet set = SequenceSet.parse("$");
        assertThat(set.isSearchResult()).isTrue();
        assertThat(set).hasToString("$").isEqualTo(SequenceSet.searchResult());
        assertThatThrownBy(() -> set.contains(1, 1)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "1:0", "01", ",1", "1,", "1,,2", "1:", ":5", "1:2:3", "a", "**", "$,1", "1:$",
        "4294967296", "99999999999", "-1", "1 2"})
    void refusesInvalidSets(String text) {
        assertThatThrownBy(() -> SequenceSet.parse(text)).isInstanceOf(ImapSyntaxException.class);
    }

    @Test
    void membershipAgreesWithTheRangesAsWrittenWhateverTheOrder() throws Exception {
        SequenceSet set = SequenceSet.parse("20:15,3,7:*,1");
        for (long max : new long[] {0, 5, 12}) {
            for (long n = 0; n <= 25; n++) {
                boolean expected = n == 1 || n == 3 || (n >= 15 && n <= 20) || (n >= Math.min(7, max) && n <= Math.max(7, max));
                assertThat(set.contains(n, max)).as("%d with * = %d", n, max).isEqualTo(n >= 1 && expected);
            }
        }
    }

    @Test
    void aSetOfTooManyRangesIsRefusedWithLimit() throws Exception {
        String allowed = "1,3" + ",5".repeat(CommandLimits.MAX_SEQUENCE_RANGES - 2);
        assertThat(SequenceSet.parse(allowed).ranges()).hasSize(CommandLimits.MAX_SEQUENCE_RANGES);
        assertThatThrownBy(() -> SequenceSet.parse(allowed + ",7"))
                .isInstanceOfSatisfying(ImapSyntaxException.class, e -> assertThat(e.code()).isEqualTo(ResponseCode.LIMIT));
    }

    @Test
    void largestNumber() throws Exception {
        assertThat(SequenceSet.parse("4294967295").contains(4294967295L, 1)).isTrue();
    }

    @Test
    void buildsCompactSetsFromNumbers() {
        assertThat(SequenceSet.of(7, 1, 2, 3, 3, 5, 8, 9)).hasToString("1:3,5,7:9");
        assertThat(SequenceSet.of(List.of(42L))).hasToString("42");
        assertThat(SequenceSet.range(4, 2)).hasToString("4:2");
        assertThatThrownBy(() -> SequenceSet.of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
