package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.Recipient;
import org.mailplatform.records.RecipientReport;

class ReportAssemblerTest {

    private static final byte[] MESSAGE = "Subject: hi\r\nFrom: a@b.example\r\n\r\nbody\r\n\r\nmore\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final ReportAssembler assembler = new ReportAssembler("mx.example.org");

    @Test
    void headerSectionEndsAfterTheFirstEmptyLine() {
        assertThat(text(ReportAssembler.headerSection(MESSAGE))).isEqualTo("Subject: hi\r\nFrom: a@b.example\r\n\r\n");
        assertThat(text(ReportAssembler.headerSection(bytes("A: 1\nB: 2\n\nbody")))).isEqualTo("A: 1\nB: 2\n\n");
        assertThat(text(ReportAssembler.headerSection(bytes("\r\nbody only")))).isEqualTo("\r\n");
        assertThat(text(ReportAssembler.headerSection(bytes("A: 1\r\nno empty line")))).isEqualTo("A: 1\r\nno empty line");
    }

    @Test
    void hdrsReturnsHeadersForPermanentFailuresOnly() {
        MailEnvelope hdrs = envelope(DsnReturn.HDRS);
        Recipient rcpt = hdrs.recipients().getFirst();

        DeliveryReport permanent = assembler.report(hdrs, MESSAGE, List.of(RecipientReport.of(rcpt, "5.1.1", "550 5.1.1 x")));
        DeliveryReport temporary = assembler.report(hdrs, MESSAGE, List.of(RecipientReport.of(rcpt, "4.2.2", "452 4.2.2 x")));
        DeliveryReport full = assembler.report(envelope(null), MESSAGE, List.of(RecipientReport.of(rcpt, "5.1.1", "550 5.1.1 x")));

        assertThat(text(permanent.returnedContent())).isEqualTo("Subject: hi\r\nFrom: a@b.example\r\n\r\n");
        assertThat(temporary.returnedContent()).isEqualTo(MESSAGE);
        assertThat(full.returnedContent()).isEqualTo(MESSAGE);
        assertThat(permanent.reportingMta()).isEqualTo("mx.example.org");
        assertThat(permanent.queueId()).isEqualTo(hdrs.queueId());
        assertThat(permanent.dsnReturn()).isEqualTo(DsnReturn.HDRS);
    }

    private static MailEnvelope envelope(DsnReturn ret) {
        MailRecord record = MailFixture.record("a@b.example", List.of("x@c.example"), MESSAGE);
        return record.envelope().toBuilder().dsnReturn(ret).build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
