package org.mailplatform.records.codec;

import org.mailplatform.records.DeliveryReport;

/** Encodes a {@link DeliveryReport} to the record value and back; the returned content is the raw payload. */
public final class DeliveryReportCodec {

    /** The header version this code writes, and the highest it reads. */
    public static final int VERSION = DeliveryReportJson.VERSION;

    private DeliveryReportCodec() {
    }

    public static byte[] encode(DeliveryReport report) {
        return RecordFrame.write(RecordKind.DELIVERY_REPORT, HeaderJson.write(DeliveryReportJson.of(report)),
                report.returnedContent());
    }

    /** @throws RecordFormatException when the value is not a delivery report this code can read */
    public static DeliveryReport decode(byte[] value) {
        RecordFrame frame = RecordFrame.read(RecordKind.DELIVERY_REPORT, value);
        DeliveryReportJson json = HeaderJson.read(frame, RecordKind.DELIVERY_REPORT, VERSION,
                DeliveryReportJson.class);
        try {
            return json.toReport(frame.payload());
        } catch (RuntimeException e) {
            throw HeaderJson.invalid(RecordKind.DELIVERY_REPORT, e);
        }
    }
}
