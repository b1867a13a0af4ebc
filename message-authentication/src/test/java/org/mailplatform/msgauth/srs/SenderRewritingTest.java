package org.mailplatform.msgauth.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The SRS forms against vectors made independently of this code, with Python's standard library
 * following libsrs2 (HMAC-SHA1 over the lower-cased fields, base64, four characters; the day stamp
 * in base32):
 * <pre>
 * h = lambda key, *parts: base64.b64encode(hmac.new(key.encode(),
 *         b''.join(p.lower().encode() for p in parts), hashlib.sha1).digest()).decode()[:4]
 * day = (epoch_seconds // 86400) % 1024; stamp = B32[day >> 5] + B32[day & 31]   # B32 = "A..Z2..7"
 * </pre>
 * 2026-12-07 is day 20794 since the epoch, 314 modulo 1024 = 9 * 32 + 26: stamp "J2".
 */
class SenderRewritingTest {

    private static final Instant DEC_7 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String SECRET = "tops3cret";

    private static SenderRewriting at(Instant now, String... secrets) {
        return new SenderRewriting(List.of(secrets), Duration.ofDays(21), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSenderIsRewrittenToTheVectorPythonComputed() {
        // h("tops3cret", "J2", "postfix.test", "carol") == "/JzP"
        assertThat(at(DEC_7, SECRET).forward("carol@postfix.test", "example.test"))
                .contains("SRS0=/JzP=J2=postfix.test=carol@example.test");
    }

    @Test
    void theVectorReversesAndTheHashIsCheckedWithoutRegardToCase() {
        SenderRewriting srs = at(DEC_7, SECRET);
        assertThat(srs.reverse("SRS0=/JzP=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Reversed("carol@postfix.test"));
        // A receiver that lower-cases the whole address: the hash input is lower-cased, the hash compared in any case.
        assertThat(srs.reverse("srs0=/jzp=j2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Reversed("carol@postfix.test"));
        // libsrs2 also writes SRS0+ and SRS0-.
        assertThat(srs.reverse("SRS0+/JzP=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Reversed("carol@postfix.test"));
    }

    @Test
    void anyConfiguredSecretVerifiesButOnlyTheFirstSigns() {
        // h("old-secret", "J2", "postfix.test", "carol") == "qxpK"
        SenderRewriting rotated = at(DEC_7, "new-secret", "old-secret");
        assertThat(rotated.reverse("SRS0=qxpK=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Reversed("carol@postfix.test"));
        assertThat(rotated.forward("carol@postfix.test", "example.test")).get().asString()
                .doesNotContain("qxpK").startsWith("SRS0=").endsWith("=J2=postfix.test=carol@example.test");
        assertThat(at(DEC_7, "new-secret").reverse("SRS0=qxpK=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH));
    }

    @Test
    void aForgedOrAlteredAddressIsABadHash() {
        SenderRewriting srs = at(DEC_7, SECRET);
        assertThat(srs.reverse("SRS0=AAAA=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH));
        assertThat(srs.reverse("SRS0=/JzP=J2=postfix.test=mallory@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH));
        assertThat(srs.reverse("SRS0=/JzP=J3=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH));
    }

    @Test
    void theAddressIsValidForTheMaximumAgeInDaysAndNoLonger() {
        // Day 314 + 21 = 335: 2026-12-28 is the last day the "J2" address is taken.
        assertThat(at(Instant.parse("2026-12-28T23:59:59Z"), SECRET).reverse("SRS0=/JzP=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Reversed("carol@postfix.test"));
        assertThat(at(Instant.parse("2026-12-29T00:00:01Z"), SECRET).reverse("SRS0=/JzP=J2=postfix.test=carol@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.EXPIRED));
    }

    @Test
    void theDayStampWrapsAfter1024Days() {
        // Day 20479 is 1023 modulo 1024 ("77"); the next day is 0 ("AA"), and "77" is then one day old.
        Instant day20479 = Instant.ofEpochSecond(20479L * 86400);
        assertThat(SrsTimestamp.of(day20479)).isEqualTo("77");
        assertThat(SrsTimestamp.of(day20479.plus(Duration.ofDays(1)))).isEqualTo("AA");
        assertThat(SrsTimestamp.ageInDays("77", day20479.plus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(SrsTimestamp.ageInDays("j2", DEC_7)).isZero();
        assertThat(SrsTimestamp.ageInDays("JZ", DEC_7)).isEqualTo(1);
        assertThat(SrsTimestamp.ageInDays("J1", DEC_7)).as("1 is not base32").isEqualTo(-1);
        assertThat(SrsTimestamp.ageInDays("J!", DEC_7)).isEqualTo(-1);
    }

    @Test
    void anSrs0SenderForwardedAgainBecomesSrs1ToTheVector() {
        // The first forwarder (first.test) signed with its own secret: h("firstsecret", "J2", "postfix.test", "carol") == "J5sJ".
        // Ours: h("tops3cret", "first.test", "=J5sJ=J2=postfix.test=carol") == "Knqt".
        SenderRewriting srs = at(DEC_7, SECRET);
        String srs1 = "SRS1=Knqt=first.test==J5sJ=J2=postfix.test=carol@example.test";
        assertThat(srs.forward("SRS0=J5sJ=J2=postfix.test=carol@first.test", "example.test")).contains(srs1);
        // A bounce to it goes back to the first forwarder, whose secret we do not need.
        assertThat(srs.reverse(srs1)).isEqualTo(new SrsReversal.Reversed("SRS0=J5sJ=J2=postfix.test=carol@first.test"));
        assertThat(srs.reverse("SRS1=Knqt=first.test==J5sJ=J2=postfix.test=mallory@example.test"))
                .isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.BAD_HASH));
    }

    @Test
    void anSrs1SenderForwardedAgainKeepsTheFirstForwarderUnderANewHash() {
        SenderRewriting srs = at(DEC_7, SECRET);
        String again = srs.forward("SRS1=zzzz=first.test==J5sJ=J2=postfix.test=carol@second.test", "example.test")
                .orElseThrow();
        assertThat(again).isEqualTo("SRS1=Knqt=first.test==J5sJ=J2=postfix.test=carol@example.test");
    }

    @Test
    void aLocalPartHoldingTheSeparatorSurvivesTheRoundTrip() {
        SenderRewriting srs = at(DEC_7, SECRET);
        String rewritten = srs.forward("a=b+c@Postfix.Test", "example.test").orElseThrow();
        assertThat(srs.reverse(rewritten)).isEqualTo(new SrsReversal.Reversed("a=b+c@Postfix.Test"));
    }

    @Test
    void whatCannotBeRewrittenIsLeftToTheCaller() {
        SenderRewriting srs = at(DEC_7, SECRET);
        assertThat(srs.forward("\"john smith\"@postfix.test", "example.test")).isEmpty();
        assertThat(srs.forward("no-domain", "example.test")).isEmpty();
        // 14 octets of SRS fields plus these 51 pass the 64 of RFC 5321 4.5.3.1.1.
        assertThat(srs.forward("a".repeat(40) + "@postfix.test", "example.test")).isEmpty();
    }

    @Test
    void malformedSrsAddressesAreRefusedAsSuch() {
        SenderRewriting srs = at(DEC_7, SECRET);
        for (String bad : List.of("SRS0=/JzP=J2=postfix.test@example.test", "SRS0==J2=postfix.test=carol@example.test",
                "SRS1=Knqt@example.test", "SRS1=Knqt=first.test@example.test", "bob@example.test")) {
            assertThat(srs.reverse(bad)).as(bad).isEqualTo(new SrsReversal.Refused(SrsReversal.Reason.MALFORMED));
        }
        assertThat(SenderRewriting.isSrs("srs0=x")).isTrue();
        assertThat(SenderRewriting.isSrs("SRS2=x")).isFalse();
        assertThat(SenderRewriting.isSrs("SRS0x")).isFalse();
    }

    @Test
    void settingsOutsideTheSchemeAreRefused() {
        assertThatThrownBy(() -> new SenderRewriting(List.of(), Duration.ofDays(21), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SenderRewriting(List.of(SECRET), Duration.ofDays(1024), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SenderRewriting(List.of(SECRET), Duration.ofHours(12), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
