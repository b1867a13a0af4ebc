package org.mailplatform.mta.outbound.tlsrpt;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mailplatform.store.transport.TlsSessionCount;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The aggregate report of one policy domain and UTC day (RFC 8460 4.4). */
public final class TlsReportJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

    private TlsReportJson() {
    }

    /**
     * @param counts the day's counts of the domain; one "policies" entry per distinct policy applied
     */
    public static byte[] write(String organization, String contact, String reportId, LocalDate day,
                               List<TlsSessionCount> counts) {
        ObjectNode report = JSON.createObjectNode();
        report.put("organization-name", organization);
        ObjectNode range = report.putObject("date-range");
        range.put("start-datetime", INSTANT.format(day.atStartOfDay(ZoneOffset.UTC)));
        range.put("end-datetime", INSTANT.format(day.atTime(23, 59, 59).atZone(ZoneOffset.UTC)));
        report.put("contact-info", contact);
        report.put("report-id", reportId);
        ArrayNode policies = report.putArray("policies");
        Map<String, List<TlsSessionCount>> byPolicy = new LinkedHashMap<>();
        for (TlsSessionCount count : counts) {
            byPolicy.computeIfAbsent(count.policyType() + "\0" + count.policy(), k -> new ArrayList<>()).add(count);
        }
        for (List<TlsSessionCount> group : byPolicy.values()) {
            policies.add(policy(group));
        }
        return JSON.writeValueAsBytes(report);
    }

    private static ObjectNode policy(List<TlsSessionCount> group) {
        TlsSessionCount first = group.getFirst();
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode policy = entry.putObject("policy");
        policy.put("policy-type", first.policyType());
        ArrayNode lines = policy.putArray("policy-string");
        ArrayNode mxHosts = JSON.createArrayNode();
        for (String line : first.policy().split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
                if (first.policyType().equals("sts") && line.startsWith("mx:")) {
                    mxHosts.add(line.substring(3).strip());
                }
            }
        }
        policy.put("policy-domain", first.policyDomain());
        if (!mxHosts.isEmpty()) {
            policy.set("mx-host", mxHosts);
        }
        long successes = 0;
        long failures = 0;
        ArrayNode details = JSON.createArrayNode();
        for (TlsSessionCount count : group) {
            if (count.success()) {
                successes += count.sessions();
                continue;
            }
            failures += count.sessions();
            ObjectNode detail = details.addObject();
            detail.put("result-type", count.resultType());
            if (!count.receivingMx().isEmpty()) {
                detail.put("receiving-mx-hostname", count.receivingMx());
            }
            if (!count.receivingIp().isEmpty()) {
                detail.put("receiving-ip", count.receivingIp());
            }
            detail.put("failed-session-count", count.sessions());
            if (!count.failureReason().isEmpty()) {
                detail.put("failure-reason-code", count.failureReason());
            }
        }
        ObjectNode summary = entry.putObject("summary");
        summary.put("total-successful-session-count", successes);
        summary.put("total-failure-session-count", failures);
        if (!details.isEmpty()) {
            entry.set("failure-details", details);
        }
        return entry;
    }
}
