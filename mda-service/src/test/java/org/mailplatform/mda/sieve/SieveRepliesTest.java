package org.mailplatform.mda.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mailplatform.message.MessageParser;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.records.MailEnvelope;
import org.mailplatform.records.QueueIds;
import org.mailplatform.sieve.SieveMessage;

/** The messages Sieve sends itself, read back with the project's parser. */
class SieveRepliesTest {

    private static final byte[] ORIGINAL = ("From: Alice <alice@remote.example>\r\n"
            + "To: bob@local.test\r\n"
            + "Subject: =?UTF-8?Q?Caf=C3=A9?=\r\n"
            + "Message-ID: <m1@remote.example>\r\n"
            + "References: <m0@remote.example>\r\n"
            + "\r\n"
            + "Hello\r\n").getBytes(StandardCharsets.UTF_8);

    private final SieveReplies replies = new SieveReplies("mx.local.test",
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theVacationReplyThreadsAndIsMarkedAutomatic() {
        byte[] reply = replies.vacation(SieveMessage.parse(ORIGINAL), "bob@local.test", "alice@remote.example", null,
                "Weg bis M\u00e4rz.", false);
        String text = new String(reply, StandardCharsets.UTF_8);

        assertThat(text).contains("In-Reply-To: <m1@remote.example>\r\n",
                "References: <m0@remote.example> <m1@remote.example>\r\n",
                "Auto-Submitted: auto-replied (vacation)\r\n", "Content-Transfer-Encoding: base64\r\n");
        assertThat(text).doesNotContain("\n\n").doesNotContain("\r\r");
        ParsedMessage parsed = new MessageParser().parse(reply);
        assertThat(parsed.searchHeaders().subject()).isEqualTo("Auto: Caf\u00e9");
        assertThat(parsed.searchText()).contains("Weg bis M\u00e4rz.");
    }

    @Test
    void aMimeReasonIsTheBodyAsGiven() {
        byte[] reply = replies.vacation(SieveMessage.parse(ORIGINAL), "bob@local.test", "alice@remote.example", "Away",
                "Content-Type: text/html\n\n<p>Away</p>\n", true);
        String text = new String(reply, StandardCharsets.UTF_8);

        assertThat(text).contains("Subject: Away\r\n", "MIME-Version: 1.0\r\nContent-Type: text/html\r\n\r\n<p>Away</p>\r\n");
    }

    @Test
    void theRejectionIsADispositionNotificationWithTheHeadersOnly() {
        byte[] notice = replies.rejection(SieveMessage.parse(ORIGINAL), "From: x\r\nSubject: y\r\n".getBytes(StandardCharsets.UTF_8),
                "bob@local.test", "alice@remote.example", "No thanks.");
        ParsedMessage parsed = new MessageParser().parse(notice);

        assertThat(parsed.body().mimeType()).isEqualTo("multipart/report");
        assertThat(parsed.body().parts()).extracting(p -> p.mimeType())
                .containsExactly("text/plain", "message/disposition-notification", "text/rfc822-headers");
        assertThat(new String(notice, StandardCharsets.UTF_8)).contains("Original-Message-ID: <m1@remote.example>",
                "Disposition: automatic-action/MDN-sent-automatically; deleted", "No thanks.");
    }

    @Test
    void derivedQueueIdsAreValidStableAndDistinct() {
        String longId = "Q".repeat(64);
        String a = SieveFilter.derivedQueueId(longId, "R", "1/x@y.example");
        String b = SieveFilter.derivedQueueId(longId, "R", "1/z@y.example");

        assertThat(a).isEqualTo(SieveFilter.derivedQueueId(longId, "R", "1/x@y.example")).isNotEqualTo(b);
        assertThat(a).matches("[A-Za-z0-9._-]{1,64}");
        MailEnvelope.builder().queueId(a).recipient("x@y.example").receivedAt(Instant.now()).build();
        assertThat(SieveFilter.derivedQueueId(QueueIds.next(), "V", "1/a@b")).endsWith("-V");
    }
}
