package org.mailplatform.msgauth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 7489 6.3 and 6.6.3: reading policy records. */
class DmarcRecordTest {

    @Test
    void fullRecord() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=quarantine; sp=reject; pct=25; adkim=s; aspf=r; rua=mailto:d@x.test");
        assertThat(r).isEqualTo(new DmarcRecord(DmarcRecord.Policy.QUARANTINE, DmarcRecord.Policy.REJECT, 25, true, false));
    }

    @Test
    void defaults() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject");
        assertThat(r).isEqualTo(new DmarcRecord(DmarcRecord.Policy.REJECT, DmarcRecord.Policy.REJECT, 100, false, false));
    }

    @Test
    void invalidPolicyWithReportAddressIsNone() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=bogus; rua=mailto:d@x.test").policy()).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(DmarcRecord.parse("v=DMARC1; p=bogus")).isNull();
        assertThat(DmarcRecord.parse("v=DMARC1; pct=200; p=reject").percent()).isEqualTo(100);
    }

    @Test
    void onlyRecordsStartingWithTheVersionAreDmarc() {
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=DMARC1")).isTrue();
        assertThat(DmarcRecord.isDmarc("p=none; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=DMARC10; p=none")).isFalse();
    }
}
