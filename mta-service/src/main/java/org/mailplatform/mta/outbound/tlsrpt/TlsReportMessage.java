package org.mailplatform.mta.outbound.tlsrpt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.UUID;

/**
 * A report as mail (RFC 8460 5.3): TLS-Report-Domain and TLS-Report-Submitter fields, a
 * multipart/report of report-type "tlsrpt" (RFC 6522) with a human-readable part and the gzipped
 * JSON as application/tlsrpt+gzip, named {@code submitter!domain!begin!end!id.json.gz}.
 */
public final class TlsReportMessage {

    private TlsReportMessage() {
    }

    public static byte[] write(String from, String to, String submitter, String policyDomain, String reportId,
                               LocalDate day, byte[] gzippedReport, Instant now) {
        String boundary = "tlsrpt-" + UUID.randomUUID();
        long begin = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1;
        String fileName = submitter + "!" + policyDomain + "!" + begin + "!" + end + "!" + safe(reportId) + ".json.gz";
        StringBuilder m = new StringBuilder()
                .append("From: <").append(from).append(">\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC))).append("\r\n")
                .append("Message-ID: <").append(safe(reportId)).append('@').append(submitter).append(">\r\n")
                .append("Subject: Report Domain: ").append(policyDomain).append(" Submitter: ").append(submitter)
                .append(" Report-ID: <").append(safe(reportId)).append('@').append(submitter).append(">\r\n")
                .append("TLS-Report-Domain: ").append(policyDomain).append("\r\n")
                .append("TLS-Report-Submitter: ").append(submitter).append("\r\n")
                .append("Auto-Submitted: auto-generated\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/report; report-type=\"tlsrpt\";\r\n\tboundary=\"").append(boundary).append("\"\r\n")
                .append("\r\n")
                .append("This is a MIME-formatted message.\r\n")
                .append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: text/plain; charset=us-ascii\r\n")
                .append("Content-Transfer-Encoding: 7bit\r\n")
                .append("\r\n")
                .append("This is an aggregate TLS report from ").append(submitter).append(" about mail sent to ")
                .append(policyDomain).append(" on ").append(day).append(" (UTC), as RFC 8460 describes.\r\n")
                .append("\r\n--").append(boundary).append("\r\n")
                .append("Content-Type: application/tlsrpt+gzip\r\n")
                .append("Content-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment;\r\n\tfilename=\"").append(fileName).append("\"\r\n")
                .append("\r\n")
                .append(Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(gzippedReport)).append("\r\n")
                .append("\r\n--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
