package org.mailplatform.records.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailplatform.records.MailboxEvent;
import org.mailplatform.records.MailboxEventKind;
import org.mailplatform.records.topics.MailTopics;

class MailboxEventCodecTest {

    private final MailboxEventSerializer serializer = new MailboxEventSerializer();
    private final MailboxEventDeserializer deserializer = new MailboxEventDeserializer();

    private MailboxEvent roundTrip(MailboxEvent event) {
        return deserializer.deserialize(MailTopics.MAILBOX_EVENTS, serializer.serialize(MailTopics.MAILBOX_EVENTS, event));
    }

    @Test
    void everyKindRoundTrips() {
        List<MailboxEvent> events = List.of(
                MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "alice@example.org", 42, 1_700_000_000L,
                        List.of(7L, 8L, 4_294_967_295L), 991, "imap-gateway-7f9c"),
                MailboxEvent.messages(MailboxEventKind.FLAGS_CHANGED, "alice@example.org", 42, 3, List.of(1L), 992,
                        "imap-gateway-1").withTraceId("abc123"),
                MailboxEvent.messages(MailboxEventKind.EXPUNGED, "alice@example.org", 42, 3, List.of(1L, 2L), 993,
                        "pop3-gateway-0"),
                MailboxEvent.mailbox(MailboxEventKind.MAILBOX_CREATED, "bob", 43, "Archive/2026", 5, "imap-0"),
                MailboxEvent.mailbox(MailboxEventKind.MAILBOX_DELETED, "bob", 43, "Archive/2026", 5, "imap-0"),
                MailboxEvent.renamed("bob", 44, "Old", "Nouveau dossier ünï", 6, "imap-1"));
        for (MailboxEvent event : events) {
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void replicaRecognisesItsOwnEcho() {
        MailboxEvent event = roundTrip(MailboxEvent.messages(MailboxEventKind.NEW_MESSAGE, "a", 1, 1, List.of(1L), 1,
                "imap-gateway-2"));
        assertThat(event.isFrom("imap-gateway-2")).isTrue();
        assertThat(event.isFrom("imap-gateway-3")).isFalse();
    }

    @Test
    void headerCarriesVersionField() {
        byte[] value = MailboxEventCodec.encode(MailboxEvent.mailbox(MailboxEventKind.MAILBOX_CREATED, "a", 1, "X", 1,
                "imap-0"));
        int length = ByteBuffer.wrap(value, 5, 4).getInt();
        assertThat(new String(value, 9, length, StandardCharsets.UTF_8)).startsWith("{\"v\":1,");
        assertThat(value).hasSize(9 + length);
    }

    @Test
    void futureVersionIsRejected() {
        byte[] header = "{\"v\":2,\"id\":\"e\"}".getBytes(StandardCharsets.UTF_8);
        byte[] value = ByteBuffer.allocate(9 + header.length).put("MBEV".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1).putInt(header.length).put(header).array();
        assertThatThrownBy(() -> MailboxEventCodec.decode(value)).isInstanceOf(UnsupportedRecordVersionException.class);
    }

    @Test
    void inconsistentEventsCannotBeBuilt() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.NEW_MESSAGE, 1, "a", null, null, 1,
                List.of(), 1, "o", now, null)).hasMessageContaining("UID");
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.EXPUNGED, 1, "a", null, null, 1,
                List.of(3L, 2L), 1, "o", now, null)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.EXPUNGED, 1, "a", null, null, 1,
                List.of(4_294_967_296L), 1, "o", now, null)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.MAILBOX_CREATED, 1, "a", null, null, 1,
                List.of(), 0, "o", now, null)).hasMessageContaining("name");
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.MAILBOX_RENAMED, 1, "a", "New", null, 1,
                List.of(), 0, "o", now, null)).hasMessageContaining("previous name");
        assertThatThrownBy(() -> new MailboxEvent("e", MailboxEventKind.NEW_MESSAGE, 1, "a", null, null, 1,
                List.of(1L), 1, " ", now, null)).hasMessageContaining("origin");
    }
}
