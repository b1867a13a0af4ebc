package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.Fixtures;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

class MailRecordsMessageConverterTest {

    private final MailRecordsMessageConverter converter = new MailRecordsMessageConverter();

    @Test
    void bytesBecomeRecordsWhateverTheDeclaredContentType() {
        MailRecord record = new MailRecord(Fixtures.fullEnvelope(), Fixtures.ascii("Subject: x\r\n\r\nbody\r\n"));
        Message<byte[]> message = MessageBuilder.withPayload(MailRecordCodec.encode(record))
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json").build();
        assertThat(converter.fromMessage(message, MailRecord.class)).isEqualTo(record);
    }

    @Test
    void eventsAndReportsConvertBothWays() {
        MailboxEvent event = MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "a", 1, 1, List.of(5L), 9, "imap-0");
        Message<?> out = converter.toMessage(event, null);
        assertThat(out.getHeaders().get(MessageHeaders.CONTENT_TYPE).toString())
                .isEqualTo(MailRecordsMessageConverter.MAILBOX_EVENT.toString());
        assertThat(converter.fromMessage(out, MailboxEvent.class)).isEqualTo(event);

        DeliveryReport report = Fixtures.report(new byte[] {13, 10});
        Message<?> reportMessage = converter.toMessage(report, null);
        assertThat(converter.fromMessage(reportMessage, DeliveryReport.class)).isEqualTo(report);
    }

    @Test
    void otherTypesAreLeftToOtherConverters() {
        Message<byte[]> message = MessageBuilder.withPayload(new byte[] {1}).build();
        assertThat(converter.fromMessage(message, String.class)).isNull();
        assertThat(converter.toMessage("text", null)).isNull();
    }

    @Test
    void unreadablePayloadRaisesInsteadOfYieldingNull() {
        Message<byte[]> message = MessageBuilder.withPayload(Fixtures.ascii("not a record")).build();
        assertThatThrownBy(() -> converter.fromMessage(message, MailRecord.class))
                .isInstanceOf(RecordFormatException.class);
    }
}
