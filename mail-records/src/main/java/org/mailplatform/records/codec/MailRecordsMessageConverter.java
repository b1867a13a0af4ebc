package org.mailplatform.records.codec;

import java.util.List;

import org.mailplatform.records.DeliveryReport;
import org.mailplatform.records.MailRecord;
import org.mailplatform.records.MailboxEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeType;

/**
 * Spring messaging converter between {@code byte[]} payloads and {@link MailRecord},
 * {@link MailboxEvent} and {@link DeliveryReport}, so a Spring Cloud Stream function can take
 * {@code Consumer<MailRecord>} directly. It converts only those three types, whatever content type
 * the binding declares: the binary format carries its own magic and version.
 * <p>
 * A value that cannot be read raises {@link RecordFormatException} out of the binding, so the
 * binder's error handling (dead-letter queue) sees it; it is never turned into null.
 */
public final class MailRecordsMessageConverter extends AbstractMessageConverter {

    public static final MimeType MAIL_RECORD = new MimeType("application", "vnd.mailplatform.mail-record");
    public static final MimeType MAILBOX_EVENT = new MimeType("application", "vnd.mailplatform.mailbox-event");
    public static final MimeType DELIVERY_REPORT = new MimeType("application", "vnd.mailplatform.delivery-report");

    public MailRecordsMessageConverter() {
        super(List.of(MAIL_RECORD, MAILBOX_EVENT, DELIVERY_REPORT));
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == MailRecord.class || type == MailboxEvent.class || type == DeliveryReport.class;
    }

    @Override
    protected boolean supportsMimeType(MessageHeaders headers) {
        return true;
    }

    /** Called with the encoded payload; its magic says which type it is. */
    @Override
    protected MimeType getDefaultContentType(Object payload) {
        if (payload instanceof byte[] value) {
            if (RecordKind.MAILBOX_EVENT.matches(value)) {
                return MAILBOX_EVENT;
            }
            if (RecordKind.DELIVERY_REPORT.matches(value)) {
                return DELIVERY_REPORT;
            }
        }
        return MAIL_RECORD;
    }

    @Override
    protected Object convertFromInternal(Message<?> message, Class<?> targetClass, Object conversionHint) {
        if (!(message.getPayload() instanceof byte[] value)) {
            return null;
        }
        if (targetClass == MailRecord.class) {
            return MailRecordCodec.decode(value);
        }
        if (targetClass == MailboxEvent.class) {
            return MailboxEventCodec.decode(value);
        }
        return DeliveryReportCodec.decode(value);
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return switch (payload) {
            case MailRecord record -> MailRecordCodec.encode(record);
            case MailboxEvent event -> MailboxEventCodec.encode(event);
            case DeliveryReport report -> DeliveryReportCodec.encode(report);
            default -> null;
        };
    }
}
