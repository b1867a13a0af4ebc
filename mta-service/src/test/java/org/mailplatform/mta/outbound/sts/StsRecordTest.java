package org.mailplatform.mta.outbound.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StsRecordTest {

    @Test
    void theIdOfTheOneStsRecordCounts() {
        assertThat(StsRecord.fromTxt(List.of("v=spf1 -all", "v=STSv1; id=20160831085700Z;")))
                .contains(new StsRecord("20160831085700Z"));
        assertThat(StsRecord.fromTxt(List.of("v=STSv1;id=abc; ext=1"))).contains(new StsRecord("abc"));
    }

    @Test
    void noneOrSeveralOrInvalidRecordsMeanNoPolicy() {
        assertThat(StsRecord.fromTxt(List.of())).isEmpty();
        assertThat(StsRecord.fromTxt(List.of("v=STSv1; id=1", "v=STSv1; id=2"))).isEmpty();
        assertThat(StsRecord.fromTxt(List.of("v=STSv1;"))).isEmpty();
        assertThat(StsRecord.fromTxt(List.of("v=STSv1; id=has-dash"))).isEmpty();
        assertThat(StsRecord.fromTxt(List.of("v=STSv1; id=" + "a".repeat(33)))).isEmpty();
        assertThat(StsRecord.fromTxt(List.of("v=STSv1; id=1; id=2"))).isEmpty();
        assertThat(StsRecord.fromTxt(List.of(" v=STSv1; id=1"))).isEmpty();
    }
}
