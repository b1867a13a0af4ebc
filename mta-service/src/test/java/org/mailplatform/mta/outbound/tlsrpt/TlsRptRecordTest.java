package org.mailplatform.mta.outbound.tlsrpt;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class TlsRptRecordTest {

    @Test
    void readsMailtoAndHttpsAddresses() {
        TlsRptRecord record = TlsRptRecord.fromTxt(List.of("v=spf1 -all",
                "v=TLSRPTv1; rua=mailto:reports@example.com,https://reporting.example.com/v1/tlsrpt")).orElseThrow();
        assertThat(record.rua()).containsExactly(URI.create("mailto:reports@example.com"),
                URI.create("https://reporting.example.com/v1/tlsrpt"));
        assertThat(TlsRptRecord.mailbox(record.rua().getFirst())).isEqualTo("reports@example.com");
    }

    @Test
    void otherSchemesAndBrokenAddressesAreLeftOut() {
        assertThat(TlsRptRecord.fromTxt(List.of("v=TLSRPTv1; rua=http://plain.example/x,mailto:nobody")).isEmpty()).isTrue();
        assertThat(TlsRptRecord.fromTxt(List.of("v=TLSRPTv1;rua=ftp://x.example/, mailto:r@example.com?subject=x"))
                .orElseThrow().rua()).hasSize(1);
    }

    @Test
    void noneOrSeveralRecordsMeanNoReports() {
        assertThat(TlsRptRecord.fromTxt(List.of())).isEmpty();
        assertThat(TlsRptRecord.fromTxt(List.of("v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"))).isEmpty();
        assertThat(TlsRptRecord.fromTxt(List.of("v=TLSRPTv2; rua=mailto:a@example.com"))).isEmpty();
    }
}
