package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailplatform.message.Fixtures.crlf;

import java.util.List;

import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private final MessageParser parser = new MessageParser();

    @Test
    void envelopeFieldsAreRawAndSearchHeadersDecoded() {
        ParsedMessage message = parser.parse(crlf("""
                Date: Tue, 14 Dec 2010 11:30:36 +0100 (CET)
                Subject: =?UTF-8?B?R3LDvMOfZQ==?= aus
                 =?ISO-8859-1?Q?M=FCnchen?=
                From: =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <joerg@example.de>
                Sender: Secretary <sec@example.de>
                To: "Doe, John" <john@example.com>, mary@example.org (Mary Smith)
                Cc: Team: a@example.com, b@example.com;
                Bcc: hidden@example.com
                In-Reply-To: <parent@example.com>
                Message-ID:
                 <folded@example.com>

                body
                """));
        Envelope envelope = message.envelope();

        assertThat(envelope.date()).isEqualTo("Tue, 14 Dec 2010 11:30:36 +0100 (CET)");
        // RFC 3501 7.4.2: ENVELOPE strings are sent as in the header; folding removed
        assertThat(envelope.subject()).isEqualTo("=?UTF-8?B?R3LDvMOfZQ==?= aus =?ISO-8859-1?Q?M=FCnchen?=");
        assertThat(envelope.from()).containsExactly(Address.of("=?utf-8?q?J=C3=B6rg_M=C3=BCller?=", null, "joerg", "example.de"));
        assertThat(envelope.sender()).containsExactly(Address.of("Secretary", null, "sec", "example.de"));
        assertThat(envelope.replyTo()).isEqualTo(envelope.from());
        assertThat(envelope.to()).containsExactly(
                Address.of("Doe, John", null, "john", "example.com"),
                Address.of("Mary Smith", null, "mary", "example.org"));
        assertThat(envelope.cc()).containsExactly(
                Address.groupStart("Team"),
                Address.of(null, null, "a", "example.com"),
                Address.of(null, null, "b", "example.com"),
                Address.groupEnd());
        assertThat(envelope.bcc()).containsExactly(Address.of(null, null, "hidden", "example.com"));
        assertThat(envelope.inReplyTo()).isEqualTo("<parent@example.com>");
        assertThat(envelope.messageId()).isEqualTo("<folded@example.com>");
        assertThat(message.messageId()).isEqualTo("<folded@example.com>");

        SearchHeaders search = message.searchHeaders();
        assertThat(search.subject()).isEqualTo("Grüße aus München");
        assertThat(search.from()).containsExactly("Jörg Müller <joerg@example.de>");
        assertThat(search.to()).containsExactly("Doe, John <john@example.com>", "Mary Smith <mary@example.org>");
        assertThat(search.cc()).containsExactly("a@example.com", "b@example.com");
        assertThat(search.bcc()).containsExactly("hidden@example.com");
        assertThat(search.asText()).contains("Grüße aus München", "Jörg Müller", "hidden@example.com");
    }

    @Test
    void missingDateAndFromGiveNil() {
        ParsedMessage message = parser.parse(crlf("""
                To: someone@example.com
                Subject: no sender

                text
                """));
        Envelope envelope = message.envelope();

        assertThat(envelope.date()).isNull();
        assertThat(envelope.from()).isEmpty();
        assertThat(envelope.sender()).isEmpty();
        assertThat(envelope.replyTo()).isEmpty();
        assertThat(envelope.cc()).isEmpty();
        assertThat(envelope.messageId()).isNull();
        assertThat(message.sentAt()).isNull();
        assertThat(message.sentDay()).isNull();
        assertThat(message.messageId()).isNull();
    }

    @Test
    void emptySenderAndReplyToDefaultToFrom() {
        Envelope envelope = parser.parse(crlf("""
                From: user@domain (Real Name)
                Sender:
                Reply-To:\s

                body
                """)).envelope();

        Address from = Address.of("Real Name", null, "user", "domain");
        assertThat(envelope.from()).containsExactly(from);
        assertThat(envelope.sender()).containsExactly(from);
        assertThat(envelope.replyTo()).containsExactly(from);
    }

    @Test
    void sentDayIsTheDayInTheHeadersOwnZone() {
        ParsedMessage message = parser.parse(crlf("""
                Date: Fri, 31 Dec 2010 23:30:00 -0800

                x
                """));

        // RFC 3501 6.4.4 SENTON: disregarding time and timezone
        assertThat(message.sentDay()).hasToString("2010-12-31");
        assertThat(message.sentAt()).hasToString("2011-01-01T07:30:00Z");
    }

    @Test
    void firstOfRepeatedFieldsWins() {
        Envelope envelope = parser.parse(crlf("""
                Subject: first
                Subject: second
                To: a@example.com
                To: b@example.com

                x
                """)).envelope();

        assertThat(envelope.subject()).isEqualTo("first");
        assertThat(envelope.to()).extracting(Address::mailbox).isEqualTo(List.of("a"));
    }
}
