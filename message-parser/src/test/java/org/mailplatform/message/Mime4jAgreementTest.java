package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our offsets slice the same leaf contents that Mime4j's own parser finds. */
class Mime4jAgreementTest {

    static Stream<String> fixtures() {
        return Stream.of(Fixtures.SIMPLE, Fixtures.MIXED, Fixtures.FORWARD, Fixtures.EXTENSION_FIELDS, Fixtures.RFC822_BODY);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void leafContentsAgree(String fixture) throws IOException {
        byte[] raw = Fixtures.crlf(fixture);
        Message mime4j = new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(raw));
        List<String> expected = new ArrayList<>();
        collect(mime4j, expected);

        List<String> actual = new ArrayList<>();
        collect(raw, new MessageParser().parse(raw).body(), actual);

        assertThat(actual).isEqualTo(expected).isNotEmpty();
    }

    private static void collect(Entity entity, List<String> out) throws IOException {
        if (entity.getBody() instanceof Multipart multipart) {
            for (Entity part : multipart.getBodyParts()) {
                collect(part, out);
            }
        } else if (entity.getBody() instanceof Message message) {
            collect(message, out);
        } else if (entity.getBody() instanceof SingleBody single) {
            try (InputStream in = single.getInputStream()) {
                out.add(entity.getMimeType() + ":" + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void collect(byte[] raw, BodyPart part, List<String> out) throws IOException {
        if (part.multipart()) {
            for (BodyPart child : part.parts()) {
                collect(raw, child, out);
            }
        } else if (part.embedsMessage()) {
            collect(raw, part.message().body(), out);
        } else {
            try (InputStream in = PartDecoder.open(raw, part)) {
                out.add(part.mimeType() + ":" + new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
    }
}
