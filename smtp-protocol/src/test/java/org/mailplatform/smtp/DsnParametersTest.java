package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailplatform.records.DsnNotify;
import org.mailplatform.records.OriginalRecipient;

/**
 * The DSN parameters of RFC 3461 (ENVID, RET at MAIL; NOTIFY, ORCPT at RCPT) and RFC 6533 (ORCPT
 * utf-8) over a real socket: a bad value is refused with 501 5.5.4 where it is given (RFC 3461 5.1),
 * the session goes on, and nothing that could forge a line of a later DSN is ever accepted.
 */
class DsnParametersTest {

    private static SmtpTestServer server;
    private SmtpTestClient client;

    @BeforeAll
    static void start() {
        server = new SmtpTestServer(SmtpSettings.transfer("mx.example.test"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void greet() throws Exception {
        server.policy.transactions.clear();
        client = server.connect();
        client.reply();
        client.replyLinesOf("EHLO client.test");
    }

    @org.junit.jupiter.api.AfterEach
    void quit() throws Exception {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ENVID=abc+0D+0ABcc:+20x",          // CR LF: a forged header line in the DSN
            "ENVID=a+00b",                       // NUL
            "ENVID=a+7Fb",                       // DEL
            "ENVID=a+0db",                       // hexchar digits are upper case
            "ENVID=a+4",                         // truncated hexchar
            "ENVID=a+E9b",                       // xtext is US-ASCII
            "ENVID=caf\u00e9",                   // raw UTF-8 is not xchar
            "RET=FOO",
            "RET=HDRS,FULL",
            "BODY=8b\u0131tm\u0131me",           // dotless i upper-cases to I: not the ASCII keyword
            "ENVID=x ENVID=y",
    })
    void badMailParametersGet501AndTheSessionGoesOn(String parameters) throws Exception {
        assertThat(client.send("MAIL FROM:<a@b.test> SMTPUTF8 " + parameters)).startsWith("501 5.5.4");
        assertThat(client.send("MAIL FROM:<a@b.test>")).startsWith("250 2.1.0");
    }

    @Test
    void envidOfAHundredCharactersIsTheLongestAccepted() throws Exception {
        assertThat(client.send("MAIL FROM:<a@b.test> ENVID=" + "x".repeat(101))).startsWith("501 5.5.4");
        assertThat(client.send("MAIL FROM:<a@b.test> ENVID=" + "x".repeat(100))).startsWith("250 ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ORCPT=rfc822;bob+0D+0A@example.test",   // CR LF
            "ORCPT=rfc822;bob+01@example.test",       // a control character
            "ORCPT=rfc822;b\u00f8b@example.test",     // raw UTF-8 under rfc822
            "ORCPT=rfc822;bob+F8@example.test",       // a non-ASCII octet under rfc822
            "ORCPT=rfc822;",                          // no address
            "ORCPT=rfc822;+20",                       // a blank address
            "ORCPT=bob@example.test",                 // no addr-type
            "ORCPT=rfc 822;bob@example.test",         // addr-type is an atom
            "ORCPT=utf-8;b\\x{0D}\\x{0A}b@example.test",  // CR LF as unitext
            "ORCPT=utf-8;b\\x{85}b@example.test",     // a C1 control
            "ORCPT=utf-8;b\\x{41}b@example.test",     // plain ASCII is never escaped
            "ORCPT=utf-8;b\\x{D800}b@example.test",   // a surrogate
            "ORCPT=utf-8;b\\x{110000}b@example.test", // beyond Unicode
            "ORCPT=utf-8;b\\x{F8b@example.test",      // unterminated escape
            "ORCPT=utf-8;b+2Bb@example.test",         // '+' is not QCHAR (RFC 6533 3)
            "NOTIFY=SUCCESS,,FAILURE",
            "NOTIFY=NEVER,SUCCESS",
            "NOTIFY=\u017fuccess",                     // long s upper-cases to S
            "NOTIFY=SOMETIMES",
            "NOTIFY=FAILURE NOTIFY=DELAY",
    })
    void badRcptParametersGet501AndTheSessionGoesOn(String parameters) throws Exception {
        assertThat(client.send("MAIL FROM:<a@b.test> SMTPUTF8")).startsWith("250 ");
        assertThat(client.send("RCPT TO:<bob@example.test> " + parameters)).startsWith("501 5.5.4");
        assertThat(client.send("RCPT TO:<bob@example.test>")).startsWith("250 2.1.5");
    }

    @Test
    void orcptOfFiveHundredCharactersIsTheLongestAccepted() throws Exception {
        assertThat(client.send("MAIL FROM:<a@b.test>")).startsWith("250 ");
        String prefix = "rfc822;";
        String longest = prefix + "x".repeat(500 - prefix.length() - "@example.test".length()) + "@example.test";
        assertThat(client.send("RCPT TO:<bob@example.test> ORCPT=" + longest + "x")).startsWith("501 5.5.4");
        assertThat(client.send("RCPT TO:<bob@example.test> ORCPT=" + longest)).startsWith("250 ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rfc822;bob+2Bdsn@example.test       | rfc822 | bob+dsn@example.test",
            "RFC822;Bob@Example.test             | RFC822 | Bob@Example.test",
            "utf-8;b\\x{F8}b@example.test         | utf-8  | b\u00f8b@example.test",
            "utf-8;b\u00f8b\\x{2B}x@example.test  | utf-8  | b\u00f8b+x@example.test",
    })
    void goodOrcptValuesAreDecodedIntoTheTransaction(String orcpt, String type, String address) throws Exception {
        assertThat(client.send("MAIL FROM:<a@b.test> SMTPUTF8 RET=hdrs ENVID=QQ+2B1")).startsWith("250 ");
        assertThat(client.send("RCPT TO:<bob@example.test> NOTIFY=success,Delay ORCPT=" + orcpt)).startsWith("250 ");
        assertThat(client.send("DATA")).startsWith("354");
        client.write("Subject: dsn\r\n\r\nhello\r\n.\r\n");
        assertThat(client.reply()).startsWith("250 2.0.0");

        SmtpTransaction tx = server.policy.transactions.getFirst();
        assertThat(tx.parameters().envid()).isEqualTo("QQ+1");
        assertThat(tx.recipients().getFirst().parameters().orcpt()).isEqualTo(new OriginalRecipient(type, address));
        assertThat(tx.recipients().getFirst().parameters().notifyOn()).containsExactlyInAnyOrder(DsnNotify.SUCCESS, DsnNotify.DELAY);
    }

    @Test
    void aHeloNameWithAControlCharacterIsRefused() throws Exception {
        assertThat(client.send("EHLO bad\u0001name.test")).startsWith("501 5.5.4");
        assertThat(client.send("HELO bad\u001bname.test")).startsWith("501 5.5.4");
        assertThat(client.send("EHLO good.test")).startsWith("250 ");
    }
}
