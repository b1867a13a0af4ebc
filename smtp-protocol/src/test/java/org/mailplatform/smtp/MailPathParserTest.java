package org.mailplatform.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailPathParserTest {

    @Test
    void plainAddressWithParameters() throws Exception {
        var arg = MailPathParser.parseReversePath("<Alice@Example.TEST> SIZE=1000 BODY=8BITMIME");
        assertThat(arg.path().address()).isEqualTo("Alice@example.test");
        assertThat(arg.parameters()).containsExactly(Map.entry("SIZE", "1000"), Map.entry("BODY", "8BITMIME"));
    }

    @Test
    void nullReversePath() throws Exception {
        var arg = MailPathParser.parseReversePath("<>");
        assertThat(arg.path().isNull()).isTrue();
        assertThat(arg.path().address()).isEmpty();
    }

    @Test
    void nullForwardPathIsRefused() {
        assertThatThrownBy(() -> MailPathParser.parseForwardPath("<>"))
                .isInstanceOf(SmtpSyntaxException.class)
                .satisfies(e -> assertThat(((SmtpSyntaxException) e).reply().code()).isEqualTo(501));
    }

    @Test
    void barePostmasterRecipient() throws Exception {
        assertThat(MailPathParser.parseForwardPath("<PostMaster>").path().isBarePostmaster()).isTrue();
    }

    @Test
    void sourceRouteIsDroppedAndOnlyTheFinalMailboxRemains() throws Exception {
        MailPath p = MailPathParser.parseForwardPath("<@relay.one,@relay.two:user@final.example>").path();
        assertThat(p.address()).isEqualTo("user@final.example");
        assertThat(p.hadSourceRoute()).isTrue();
    }

    @Test
    void percentHackStaysALocalPartOfTheNamedDomain() throws Exception {
        MailPath p = MailPathParser.parseForwardPath("<user%other.example@ours.test>").path();
        assertThat(p.localPart()).isEqualTo("user%other.example");
        assertThat(p.domain()).isEqualTo("ours.test");
    }

    @Test
    void quotedLocalPartMayHoldAtAndBracket() throws Exception {
        MailPath p = MailPathParser.parseForwardPath("<\"odd@name>\\\"x\"@example.test> NOTIFY=NEVER").path();
        assertThat(p.localPart()).isEqualTo("\"odd@name>\\\"x\"");
        assertThat(p.quotedLocalPart()).isTrue();
        assertThat(p.domain()).isEqualTo("example.test");
    }

    @Test
    void utf8AddressIsParsedAndFlagged() throws Exception {
        MailPath p = MailPathParser.parseForwardPath("<δοκιμή@παράδειγμα.δοκιμή> ").path();
        assertThat(p.needsSmtpUtf8()).isTrue();
    }

    @Test
    void addressLiterals() throws Exception {
        assertThat(MailPathParser.parseForwardPath("<u@[127.0.0.1]>").path().isAddressLiteral()).isTrue();
        assertThat(MailPathParser.parseForwardPath("<u@[IPv6:::1]>").path().domain()).isEqualTo("[ipv6:::1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@example.test", "<user>", "<user@>", "<@example.test>", "<a..b@example.test>",
            "<.a@example.test>", "<a.@example.test>", "<a@-bad.test>", "<a@bad-.test>", "<a@b..test>",
            "<a b@example.test>", "<\"unterminated@example.test>", "<a@[300.1.1.1]>", "<a@example.test",
            "<@relay:>", "<@:user@x.test>", "<a@example.test>SIZE=1"})
    void malformedPathsAreRefused(String text) {
        assertThatThrownBy(() -> MailPathParser.parseForwardPath(text)).isInstanceOf(SmtpSyntaxException.class);
    }

    @Test
    void overLongLocalPartGets553() {
        String local = "a".repeat(65);
        assertThatThrownBy(() -> MailPathParser.parseForwardPath("<" + local + "@example.test>"))
                .satisfies(e -> assertThat(((SmtpSyntaxException) e).reply().code()).isEqualTo(553));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<a@b.test> SIZE", "<a@b.test> SIZE=1 SIZE=2", "<a@b.test> =x", "<a@b.test> K=a=b"})
    void malformedParametersAreRefused(String text) {
        assertThatThrownBy(() -> MailParameters.parse(MailPathParser.parseReversePath(text).parameters(), true, true))
                .isInstanceOf(SmtpSyntaxException.class);
    }

    @Test
    void mailParametersAreTyped() throws Exception {
        var arg = MailPathParser.parseReversePath("<a@b.test> SIZE=2048 BODY=BINARYMIME SMTPUTF8 RET=hdrs ENVID=QQ+2B1");
        MailParameters mp = MailParameters.parse(arg.parameters(), true, true);
        assertThat(mp.size()).hasValue(2048);
        assertThat(mp.body()).isEqualTo(org.mailplatform.records.BodyType.BINARY_MIME);
        assertThat(mp.smtpUtf8()).isTrue();
        assertThat(mp.ret()).isEqualTo(org.mailplatform.records.DsnReturn.HDRS);
        assertThat(mp.envid()).isEqualTo("QQ+1");
    }

    @Test
    void unannouncedParametersGet555() throws Exception {
        var arg = MailPathParser.parseReversePath("<a@b.test> RET=FULL");
        assertThatThrownBy(() -> MailParameters.parse(arg.parameters(), false, true))
                .satisfies(e -> assertThat(((SmtpSyntaxException) e).reply().code()).isEqualTo(555));
        var other = MailPathParser.parseReversePath("<a@b.test> XFOO=1");
        assertThatThrownBy(() -> MailParameters.parse(other.parameters(), true, true))
                .satisfies(e -> assertThat(((SmtpSyntaxException) e).reply().code()).isEqualTo(555));
    }

    @Test
    void rcptParameters() throws Exception {
        var arg = MailPathParser.parseForwardPath("<a@b.test> NOTIFY=SUCCESS,failure ORCPT=rfc822;a+2Bx@b.test");
        RcptParameters rp = RcptParameters.parse(arg.parameters(), true);
        assertThat(rp.notifyOn()).isEqualTo(Set.of(org.mailplatform.records.DsnNotify.SUCCESS, org.mailplatform.records.DsnNotify.FAILURE));
        assertThat(rp.orcpt()).isEqualTo(new org.mailplatform.records.OriginalRecipient("rfc822", "a+x@b.test"));
        var never = MailPathParser.parseForwardPath("<a@b.test> NOTIFY=NEVER,DELAY");
        assertThatThrownBy(() -> RcptParameters.parse(never.parameters(), true)).isInstanceOf(SmtpSyntaxException.class);
    }

    @Test
    void xtextRoundTrip() throws Exception {
        String s = "a+b=c d";
        assertThat(Xtext.decode(Xtext.encode(s))).isEqualTo(s);
        String utf8 = "a+b=c d\u00e9";
        assertThat(Xtext.decodeUtf8(Xtext.encode(utf8))).isEqualTo(utf8);
        assertThatThrownBy(() -> Xtext.decode(Xtext.encode(utf8))).isInstanceOf(SmtpSyntaxException.class);
        assertThatThrownBy(() -> Xtext.decode("+2b")).isInstanceOf(SmtpSyntaxException.class);
        assertThatThrownBy(() -> Xtext.decode("ab+2")).isInstanceOf(SmtpSyntaxException.class);
    }

    @Test
    void replyFormatting() {
        SmtpReply r = new SmtpReply(250, "2.0.0", java.util.List.of("one", "two"));
        assertThat(new String(r.toBytes())).isEqualTo("250-2.0.0 one\r\n250 2.0.0 two\r\n");
        assertThat(new String(SmtpReply.plain(220, "hi").toBytes())).isEqualTo("220 hi\r\n");
    }
}
