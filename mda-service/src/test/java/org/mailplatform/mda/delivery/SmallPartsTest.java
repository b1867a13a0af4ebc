package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.publish.PublishException;
import org.mailplatform.store.account.EmailAddress;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;

/** The delivery's small rules: header lines, the quota window, what counts as an outage. */
class SmallPartsTest {

    @Test
    void returnPathAndDeliveredToPrecedeTheCopy() {
        EmailAddress account = EmailAddress.of("Jo@example.org");

        assertThat(new String(DeliveryHeaders.prefix("alice@far.example", account), StandardCharsets.UTF_8))
                .isEqualTo("Return-Path: <alice@far.example>\r\nDelivered-To: Jo@example.org\r\n");
        assertThat(new String(DeliveryHeaders.prefix("", account), StandardCharsets.UTF_8))
                .startsWith("Return-Path: <>\r\n");
        assertThat(new String(DeliveryHeaders.prefix("ünï@far.example", account), StandardCharsets.UTF_8))
                .startsWith("Return-Path: <ünï@far.example>\r\n");
    }

    @Test
    void fullMailboxIsTemporaryWithinTheWindowAndPermanentAfter() {
        Instant now = Instant.parse("2026-11-26T12:00:00Z");
        OverQuotaPolicy policy = new OverQuotaPolicy(Duration.ofDays(1), Clock.fixed(now, ZoneOffset.UTC));

        assertThat(policy.reasonFor(now.minusSeconds(60))).isEqualTo(FailureReason.MAILBOX_FULL_TEMPORARY);
        assertThat(policy.reasonFor(now.minus(Duration.ofDays(1)).plusSeconds(1)))
                .isEqualTo(FailureReason.MAILBOX_FULL_TEMPORARY);
        assertThat(policy.reasonFor(now.minus(Duration.ofDays(1)))).isEqualTo(FailureReason.MAILBOX_FULL);
        assertThat(FailureReason.MAILBOX_FULL_TEMPORARY.status()).isEqualTo("4.2.2");
        assertThat(FailureReason.MAILBOX_FULL_TEMPORARY.temporary()).isTrue();
        assertThat(FailureReason.MAILBOX_FULL.status()).isEqualTo("5.2.2");
        assertThat(FailureReason.MAILBOX_FULL.temporary()).isFalse();
    }

    @Test
    void outagesAreToldFromBadRecords() {
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new CannotGetJdbcConnectionException("down",
                new SQLTransientConnectionException("timeout"))))).isTrue();
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new CannotCreateTransactionException("no connection"))))
                .isTrue();
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new CannotAcquireLockException("deadlock")))).isTrue();
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new FollowUpFailedException("no ack",
                new PublishException("mailbox.events", true, "timed out", null))))).isTrue();
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new DataIntegrityViolationException("bad row")))).isFalse();
        assertThat(DeliveryErrorHandler.isOutage(wrapped(new IllegalArgumentException("bug")))).isFalse();
    }

    private static Exception wrapped(Exception cause) {
        return new ListenerExecutionFailedException("listener failed", cause);
    }
}
