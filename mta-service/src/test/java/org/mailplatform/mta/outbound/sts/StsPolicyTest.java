package org.mailplatform.mta.outbound.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class StsPolicyTest {

    @Test
    void readsTheFieldsOfRfc8461sExampleWithCrlfOrLfLineEnds() {
        String text = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";
        StsPolicy policy = StsPolicy.parse(text);
        assertThat(policy.mode()).isEqualTo(StsMode.ENFORCE);
        assertThat(policy.mx()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.text()).isEqualTo(text);
        assertThat(StsPolicy.parse(text.replace("\r\n", "\n")).mx()).hasSize(3);
    }

    @Test
    void aWildcardStandsForExactlyOneLeftmostLabel() {
        StsPolicy policy = StsPolicy.parse("version: STSv1\nmode: testing\nmx: *.example.net\nmx: Mail.Example.com\nmax_age: 86400\n");
        assertThat(policy.matches("mx1.example.net")).isTrue();
        assertThat(policy.matches("MX1.EXAMPLE.NET.")).isTrue();
        assertThat(policy.matches("example.net")).isFalse();
        assertThat(policy.matches("a.b.example.net")).isFalse();
        assertThat(policy.matches("mail.example.com")).isTrue();
        assertThat(policy.matches("mail.example.com.evil.test")).isFalse();
        assertThat(policy.matches("xmail.example.com")).isFalse();
    }

    @Test
    void unknownFieldsAreIgnoredAndALongMaxAgeIsCutToAYear() {
        StsPolicy policy = StsPolicy.parse("version: STSv1\nmode: testing\nfuture: yes\nmx: mx.example.com\nmax_age: 99999999999\n");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(StsPolicy.MAX_AGE_LIMIT));
    }

    @Test
    void modeNoneNeedsNoMx() {
        assertThat(StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400\n").mode()).isEqualTo(StsMode.NONE);
    }

    @Test
    void invalidPoliciesAreRefused() {
        for (String text : List.of(
                "version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: enforcing\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: a.example\n",
                "version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1\n",
                "version: STSv1\nmode: enforce\nmode: testing\nmx: a.example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 1\n",
                "version: STSv1\nmode: enforce\nmx: *\nmax_age: 1\n",
                "<html>not a policy</html>\n",
                "")) {
            assertThatThrownBy(() -> StsPolicy.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
