package org.mailplatform.mta.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.BodyType;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.OriginalRecipient;
import org.springframework.util.unit.DataSize;

class DsnMessageWriterTest {

    private static final Instant ARRIVED = Instant.parse("2026-11-26T09:15:30Z");
    private static final Instant NOW = Instant.parse("2026-11-26T09:20:00Z");
    private static final byte[] ORIGINAL = ("From: alice@example.org\r\nTo: bob@example.net\r\nSubject: hello\r\n"
            + "Message-ID: <m1@example.org>\r\n\r\nBody line\r\n.leading dot\r\n").getBytes(StandardCharsets.US_ASCII);

    private final DsnMessageWriter writer = new DsnMessageWriter("mta.example.org", ZoneOffset.UTC);
    private final DsnProperties properties = new DsnProperties(DsnReturn.HDRS, DataSize.ofMegabytes(1));

    private DeliveryStatusNotice notice(List<DsnRecipient> recipients, ReturnedContent returned) {
        return new DeliveryStatusNotice(DsnQueueIds.forAttempt("01JCZ3V5R8K2M4N6P8Q0S2T4V6", 1),
                "01JCZ3V5R8K2M4N6P8Q0S2T4V6", "alice@example.org", "QQ314159", ARRIVED, "trace-1", false,
                recipients, returned.content(), returned.fullMessage());
    }

    @Test
    void aFailureReportHasTheThreePartsOfRfc6522AndTheFieldsOfRfc3464() throws Exception {
        String longReply = "550 5.1.1 <bob@example.net>: Recipient address rejected: " + "very ".repeat(40) + "unknown";
        DsnRecipient bob = new DsnRecipient("bob@example.net", OriginalRecipient.rfc822("Bob@Example.NET"),
                DsnAction.FAILED, "5.1.1", "mx.example.net", longReply, NOW, null);
        DsnRecipient carol = new DsnRecipient("carol@example.net", null, DsnAction.FAILED, "5.1.10", null,
                "Domain example.net does not accept mail (null MX, RFC 7505)", NOW, null);
        byte[] raw = writer.write(notice(List.of(bob, carol),
                ReturnedContent.choose(ORIGINAL, null, BodyType.SEVEN_BIT, true, properties)), NOW);

        String text = new String(raw, StandardCharsets.US_ASCII);
        assertThat(text).doesNotContainPattern("[^\r]\n");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));

        DsnParts dsn = DsnParts.parse(raw);
        assertThat(dsn.message().getContentType()).contains("multipart/report").contains("report-type=delivery-status");
        assertThat(dsn.message().getFrom()[0].toString()).contains("MAILER-DAEMON@mta.example.org");
        assertThat(dsn.message().getHeader("To", null)).isEqualTo("<alice@example.org>");
        assertThat(dsn.message().getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.message().getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(dsn.report().getCount()).isEqualTo(3);
        assertThat(dsn.report().getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) dsn.report().getBodyPart(0).getContent()).contains("<bob@example.net>: failed (5.1.1)");
        assertThat(dsn.report().getBodyPart(1).getContentType()).isEqualTo("message/delivery-status");
        assertThat(dsn.perMessage().getHeader("Reporting-MTA", null)).isEqualTo("dns; mta.example.org");
        assertThat(dsn.perMessage().getHeader("Original-Envelope-Id", null)).isEqualTo("QQ314159");
        assertThat(dsn.perMessage().getHeader("Arrival-Date", null)).isEqualTo("Thu, 26 Nov 2026 09:15:30 +0000");
        assertThat(dsn.perRecipient()).hasSize(2);
        assertThat(dsn.field(0, "Original-Recipient")).isEqualTo("rfc822; Bob@Example.NET");
        assertThat(dsn.field(0, "Final-Recipient")).isEqualTo("rfc822; bob@example.net");
        assertThat(dsn.field(0, "Action")).isEqualTo("failed");
        assertThat(dsn.field(0, "Status")).isEqualTo("5.1.1");
        assertThat(dsn.field(0, "Remote-MTA")).isEqualTo("dns; mx.example.net");
        assertThat(unfold(dsn.field(0, "Diagnostic-Code"))).isEqualTo("smtp; " + longReply);
        assertThat(dsn.field(0, "Last-Attempt-Date")).isEqualTo("Thu, 26 Nov 2026 09:20:00 +0000");
        assertThat(dsn.field(1, "Remote-MTA")).isNull();
        assertThat(dsn.field(1, "Diagnostic-Code")).startsWith("X-MailPlatform; Domain example.net");
        assertThat(dsn.report().getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
        assertThat(new String(dsn.returned(), StandardCharsets.US_ASCII))
                .contains("Subject: hello").doesNotContain("Body line");
    }

    @Test
    void retFullReturnsTheWholeMessageUpToTheSizeLimit() throws Exception {
        DsnRecipient bob = new DsnRecipient("bob@example.net", null, DsnAction.FAILED, "5.1.1", null, null, NOW, null);
        DsnParts full = DsnParts.parse(writer.write(notice(List.of(bob),
                ReturnedContent.choose(ORIGINAL, DsnReturn.FULL, BodyType.SEVEN_BIT, true, properties)), NOW));
        assertThat(full.report().getBodyPart(2).getContentType()).isEqualTo("message/rfc822");
        assertThat(full.returned()).isEqualTo(ORIGINAL);

        DsnProperties tiny = new DsnProperties(DsnReturn.HDRS, DataSize.ofBytes(10));
        assertThat(ReturnedContent.choose(ORIGINAL, DsnReturn.FULL, BodyType.SEVEN_BIT, true, tiny).fullMessage()).isFalse();
        assertThat(ReturnedContent.choose(ORIGINAL, DsnReturn.FULL, BodyType.BINARY_MIME, true, properties).fullMessage()).isFalse();
        assertThat(ReturnedContent.choose(ORIGINAL, DsnReturn.FULL, BodyType.SEVEN_BIT, false, properties).fullMessage()).isFalse();
        DsnProperties fullByDefault = new DsnProperties(DsnReturn.FULL, DataSize.ofMegabytes(1));
        assertThat(ReturnedContent.choose(ORIGINAL, null, BodyType.SEVEN_BIT, true, fullByDefault).fullMessage()).isTrue();
    }

    @Test
    void delayAndRelayReportsSayWhatHappened() throws Exception {
        Instant until = Instant.parse("2026-12-01T09:15:30Z");
        DsnRecipient delayed = new DsnRecipient("bob@example.net", null, DsnAction.DELAYED, "4.7.1", "mx.example.net",
                "451 4.7.1 Greylisted", NOW, until);
        DsnRecipient relayed = new DsnRecipient("dan@example.com", null, DsnAction.RELAYED, "2.0.0", "mx.example.com",
                "250 2.0.0 Ok", NOW, null);
        DsnParts dsn = DsnParts.parse(writer.write(notice(List.of(delayed, relayed),
                ReturnedContent.choose(ORIGINAL, DsnReturn.FULL, BodyType.SEVEN_BIT, false, properties)), NOW));
        assertThat(dsn.message().getSubject()).isEqualTo("Delayed Mail (still being retried)");
        assertThat(dsn.field(0, "Action")).isEqualTo("delayed");
        assertThat(dsn.field(0, "Will-Retry-Until")).isEqualTo("Tue, 1 Dec 2026 09:15:30 +0000");
        assertThat(dsn.field(1, "Action")).isEqualTo("relayed");
        assertThat(dsn.field(1, "Will-Retry-Until")).isNull();
        assertThat(dsn.report().getBodyPart(2).getContentType()).isEqualTo("text/rfc822-headers");
    }

    @Test
    void internationalisedMailGetsTheRfc6533Types() throws Exception {
        byte[] original = "From: jörg@bücher.example\r\nSubject: Grüße\r\n\r\nHallo\r\n".getBytes(StandardCharsets.UTF_8);
        DsnRecipient r = new DsnRecipient("jürgen@example.net", null, DsnAction.FAILED, "5.1.1", null,
                "550 5.1.1 unbekannt", NOW, null);
        DeliveryStatusNotice n = new DeliveryStatusNotice("Q1-dsn1", "Q1", "jörg@bücher.example", null, ARRIVED, null,
                true, List.of(r), ReturnedContent.headerSection(original), false);
        byte[] raw = writer.write(n, NOW);
        String text = new String(raw, StandardCharsets.UTF_8);
        assertThat(text).contains("Content-Type: message/global-delivery-status")
                .contains("Content-Type: message/global-headers")
                .contains("Final-Recipient: utf-8; jürgen@example.net")
                .contains("To: <jörg@bücher.example>");
    }

    @Test
    void dsnQueueIdsAreDerivedAndStayValidTokens() {
        assertThat(DsnQueueIds.forAttempt("01JCZ3V5R8K2M4N6P8Q0S2T4V6", 3)).isEqualTo("01JCZ3V5R8K2M4N6P8Q0S2T4V6-dsn3");
        assertThat(DsnQueueIds.forReport("Q", "a@x=5.1.1")).isEqualTo(DsnQueueIds.forReport("Q", "a@x=5.1.1"))
                .isNotEqualTo(DsnQueueIds.forReport("Q", "a@x=5.2.2"));
        String longId = "x".repeat(64);
        assertThat(DsnQueueIds.forAttempt(longId, 60)).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9._-]+");
        assertThat(DsnQueueIds.forReport(longId, "k")).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9._-]+");
    }

    private static String unfold(String value) {
        return value.replaceAll("\r\n(?=[ \t])", "");
    }
}
