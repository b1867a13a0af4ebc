package org.mailplatform.records.codec;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.DsnReturn;
import org.mailplatform.records.RecipientReport;

/** Delivery report header, version 1; the returned content is the frame's payload. */
record DeliveryReportJson(
        Integer v,
        String id,
        String from,
        String envid,
        String ret,
        String received,
        String trace,
        String mta,
        String at,
        List<RecipientJson> rcpt) {

    static final int VERSION = 1;

    record RecipientJson(String to, String orcptType, String orcpt, @JsonProperty("notify") List<String> dsnNotify, String status, String diag) {

        static RecipientJson of(RecipientReport r) {
            return new RecipientJson(r.address(),
                    r.originalRecipient() == null ? null : r.originalRecipient().addressType(),
                    r.originalRecipient() == null ? null : r.originalRecipient().address(),
                    EnvelopeJson.Names.of(r.dsnNotify()), r.status(), r.diagnostic());
        }

        RecipientReport toReport() {
            return new RecipientReport(to, EnvelopeJson.Names.orcpt(orcptType, orcpt),
                    EnvelopeJson.Names.notify(dsnNotify), status, diag);
        }
    }

    static DeliveryReportJson of(DeliveryReport r) {
        return new DeliveryReportJson(VERSION, r.queueId(), r.mailFrom(), r.envelopeId(),
                r.dsnReturn() == null ? null : r.dsnReturn().name(), r.receivedAt().toString(), r.traceId(),
                r.reportingMta(), r.reportedAt().toString(), r.recipients().stream().map(RecipientJson::of).toList());
    }

    DeliveryReport toReport(byte[] returnedContent) {
        if (rcpt == null || received == null || at == null) {
            throw new IllegalArgumentException("rcpt, received and at are required");
        }
        return new DeliveryReport(id, from, envid, ret == null ? null : DsnReturn.valueOf(ret),
                Instant.parse(received), trace, mta, Instant.parse(at),
                rcpt.stream().map(RecipientJson::toReport).toList(), returnedContent);
    }
}
