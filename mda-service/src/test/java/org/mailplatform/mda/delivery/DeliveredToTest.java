package org.mailplatform.mda.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class DeliveredToTest {

    @Test
    void readsEveryDeliveredToOfTheHeaderSectionOnly() {
        byte[] message = ("Received: from x\r\n"
                + "delivered-to: Alice@Example.ORG\r\n"
                + "Delivered-To:\r\n <bob@example.org>\r\n"
                + "X-Delivered-To: carol@example.org\r\n"
                + "Subject: hi\r\n"
                + "\r\n"
                + "Delivered-To: dave@example.org\r\n").getBytes(StandardCharsets.US_ASCII);

        assertThat(DeliveredTo.addresses(message)).containsExactly("alice@example.org", "bob@example.org");
        assertThat(DeliveredTo.addresses("Subject: none\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    }

    @Test
    void prependedFieldsAreReadBack() {
        byte[] marked = DeliveredTo.prepend(List.of("list@example.org", "Team@Example.org"),
                "Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(marked, StandardCharsets.US_ASCII))
                .isEqualTo("Delivered-To: list@example.org\r\nDelivered-To: Team@Example.org\r\nSubject: x\r\n\r\nbody");
        assertThat(DeliveredTo.addresses(marked)).containsExactly("list@example.org", "team@example.org");
        assertThat(DeliveredTo.key(" Odd Value ")).isEqualTo("odd value");
    }
}
