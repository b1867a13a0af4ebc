package org.mailplatform.imap.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailplatform.imap.protocol.ParserDriver.bytes;
import static org.mailplatform.imap.protocol.ParserDriver.parse;
import static org.mailplatform.imap.protocol.ParserDriver.request;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mailplatform.imap.protocol.ImapArg.ArgList;
import org.mailplatform.imap.protocol.ImapArg.Atom;
import org.mailplatform.imap.protocol.ImapArg.Literal;
import org.mailplatform.imap.protocol.ImapArg.Quoted;
import org.mailplatform.imap.protocol.ParseEvent.CommandReady;
import org.mailplatform.imap.protocol.ParseEvent.ContinuationLine;
import org.mailplatform.imap.protocol.ParseEvent.ContinuationNeeded;
import org.mailplatform.imap.protocol.ParseEvent.ParseError;

class ImapRequestParserTest {

    private static final String MESSAGE = "From: a@example.test\r\nSubject: hi\r\n\r\nHello\r\n";

    /** Commands as Thunderbird, Apple Mail, mutt and Outlook send them, several pipelined. */
    static Stream<String> clientCommands() {
        return Stream.of(
                "A1 LOGIN \"user\" {5}\r\npass!\r\n",
                "a UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)])\r\n",
                "a SEARCH CHARSET UTF-8 OR SUBJECT x BODY {3+}\r\nabc\r\n",
                "A3 APPEND Drafts (\\Seen \\Draft) \"01-Feb-1994 12:00:00 +0000\" {" + MESSAGE.length() + "}\r\n"
                        + MESSAGE + "\r\n",
                "a SELECT INBOX (CONDSTORE)\r\n",
                "a UID STORE 1:3 +FLAGS.SILENT (\\Deleted)\r\n",
                "a ID (\"name\" \"x\")\r\n",
                "a ENABLE QRESYNC\r\n",
                "2 capability\r\n3 authenticate PLAIN AGFsaWNlAHNlY3JldA==\r\n5 select \"INBOX\"\r\n",
                "8 UID fetch 1 (UID RFC822.SIZE FLAGS BODY.PEEK[])\r\n9 UID fetch 1 (BODY.PEEK[2.MIME] BODY.PEEK[1]<0.2048>)\r\n",
                "1.10 UID FETCH 1:5 (INTERNALDATE UID RFC822.SIZE FLAGS MODSEQ BODY.PEEK[HEADER.FIELDS "
                        + "(date subject from to cc message-id in-reply-to references x-priority)])\r\n",
                "a0003 LIST \"\" \"%\"\r\na0004 STATUS \"INBOX\" (MESSAGES UNSEEN UIDNEXT)\r\n",
                "a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n",
                "a UID FETCH 300:500 (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
                "a APPEND INBOX UTF8 (~{5+}\r\nhello)\r\nb APPEND INBOX ~{3}\r\na\0b\r\n",
                "a LOGIN {4+}\r\nuser {6+}\r\nsecret\r\nb LIST \"\" *\r\n",
                "x SEARCH RETURN (SAVE) SINCE 1-Feb-1994\r\ny UID FETCH $ (FLAGS)\r\n",
                "t LOGOUT\n",
                "a CREATE \"a \\\"quoted\\\" \\\\ name\"\r\n");
    }

    @ParameterizedTest
    @MethodSource("clientCommands")
    void anySplitOfTheInputGivesTheSameEvents(String commands) {
        byte[] input = bytes(commands);
        List<ParseEvent> whole = parse(input, input.length);
        assertThat(whole).isNotEmpty().allMatch(e -> !(e instanceof ParseError), "no errors");
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            assertThat(parse(input, chunk)).as("chunks of %d", chunk).isEqualTo(whole);
        }
    }

    @Test
    void pipelinedCorpusInOneBufferAndByteByByteAgree() {
        String all = String.join("", clientCommands().toList());
        byte[] input = bytes(all);
        List<ParseEvent> whole = parse(input, input.length);
        assertThat(parse(input, 1)).isEqualTo(whole);
        assertThat(whole.stream().filter(CommandReady.class::isInstance)).hasSize(26);
    }

    @Test
    void loginWithSynchronizingLiteral() {
        List<ParseEvent> events = parse("A1 LOGIN \"user\" {5}\r\npass!\r\n");
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new ContinuationNeeded("A1", 5));
        ImapRequest login = request(events.get(1));
        assertThat(login.tag()).isEqualTo("A1");
        assertThat(login.name()).isEqualTo("LOGIN");
        assertThat(login.arguments()).containsExactly(new Quoted("user"), new Literal(bytes("pass!"), false));
        assertThat(login.size()).isEqualTo(28);
    }

    @Test
    void continuationIsReportedBeforeAnyLiteralOctetArrives() {
        ImapRequestParser parser = new ImapRequestParser();
        ByteBuffer announcement = ByteBuffer.wrap(bytes("A1 LOGIN {4}\r\n"));
        assertThat(parser.next(announcement)).isEqualTo(new ContinuationNeeded("A1", 4));
        assertThat(announcement.hasRemaining()).isFalse();
        assertThat(parser.next(ByteBuffer.wrap(bytes("us")))).isNull();
        assertThat(parser.next(ByteBuffer.wrap(bytes("er {6}\r\n")))).isEqualTo(new ContinuationNeeded("A1", 6));
        ParseEvent done = parser.next(ByteBuffer.wrap(bytes("secret\r\n")));
        assertThat(request(done).reader()).satisfies(r -> {
            assertThat(r.nextAstring()).isEqualTo("user");
            assertThat(r.nextAstring()).isEqualTo("secret");
            r.end();
        });
    }

    @Test
    void parserStopsAtTheEndOfEachCommand() {
        ImapRequestParser parser = new ImapRequestParser();
        ByteBuffer input = ByteBuffer.wrap(bytes("a NOOP\r\nb NOOP\r\n"));
        assertThat(request(parser.next(input)).tag()).isEqualTo("a");
        assertThat(input.position()).isEqualTo(8);
        assertThat(parser.isBetweenCommands()).isTrue();
        assertThat(request(parser.next(input)).tag()).isEqualTo("b");
        assertThat(parser.next(input)).isNull();
    }

    @Test
    void fetchAttributesKeepTheirSectionInOneAtom() {
        ImapRequest fetch = request(parse("a UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)]<0.512>)\r\n").get(0));
        assertThat(fetch.name()).isEqualTo("UID FETCH");
        assertThat(fetch.arguments()).containsExactly(
                new Atom("1:*"),
                new ArgList(List.of(new Atom("FLAGS"), new Atom("BODY.PEEK[HEADER.FIELDS (From Subject)]<0.512>"))));
    }

    @Test
    void bracketsOutsideFetchAttributesAreAtomCharacters() {
        ImapRequest select = request(parse("a SELECT [Gmail]/Sent\r\n").get(0));
        assertThat(select.arguments()).containsExactly(new Atom("[Gmail]/Sent"));
    }

    @Test
    void nonSynchronizingLiteralNeedsNoContinuation() {
        List<ParseEvent> events = parse("a SEARCH CHARSET UTF-8 OR SUBJECT x BODY {3+}\r\nabc\r\n");
        assertThat(events).hasSize(1);
        ImapRequest search = request(events.get(0));
        assertThat(search.arguments()).containsExactly(new Atom("CHARSET"), new Atom("UTF-8"), new Atom("OR"),
                new Atom("SUBJECT"), new Atom("x"), new Atom("BODY"), new Literal(bytes("abc"), false));
    }

    @Test
    void appendWithFlagsDateAndMessage() throws Exception {
        List<ParseEvent> events = parse("A3 APPEND Drafts (\\Seen \\Draft) \"01-Feb-1994 12:00:00 +0000\" {"
                + MESSAGE.length() + "}\r\n" + MESSAGE + "\r\n");
        assertThat(events.get(0)).isEqualTo(new ContinuationNeeded("A3", MESSAGE.length()));
        ImapArgReader r = request(events.get(1)).reader();
        assertThat(r.nextMailbox(false)).isEqualTo("Drafts");
        assertThat(r.nextFlagList()).containsExactly("\\Seen", "\\Draft");
        assertThat(r.nextDateTime()).hasToString("1994-02-01T12:00Z");
        assertThat(r.nextLiteral().bytes()).isEqualTo(bytes(MESSAGE));
        r.end();
    }

    @Test
    void literal8CarriesNul() {
        List<ParseEvent> events = parse(bytes("b APPEND INBOX ~{3}\r\na\0b\r\n"), 1);
        assertThat(events.get(0)).isEqualTo(new ContinuationNeeded("b", 3));
        assertThat(request(events.get(1)).arguments()).containsExactly(new Atom("INBOX"), new Literal(new byte[] {'a', 0, 'b'}, true));
    }

    @Test
    void zeroLengthLiteral() {
        List<ParseEvent> events = parse("a LOGIN {0}\r\n {0+}\r\n\r\n");
        assertThat(events.get(0)).isEqualTo(new ContinuationNeeded("a", 0));
        assertThat(request(events.get(1)).arguments()).containsExactly(new Literal(new byte[0], false), new Literal(new byte[0], false));
    }

    @Test
    void nestedListsAndQuotedEscapes() {
        ImapRequest r = request(parse("a X ((a \"b \\\"c\\\\\") NIL) ()\r\n").get(0));
        assertThat(r.arguments()).containsExactly(
                new ArgList(List.of(new ArgList(List.of(new Atom("a"), new Quoted("b \"c\\"))), new Atom("NIL"))),
                new ArgList(List.of()));
    }

    @Test
    void idleEndsWithContinuationLine() {
        byte[] input = bytes("a IDLE\r\nDONE\r\nb NOOP\r\n");
        for (int chunk : new int[] {1, 100}) {
            ImapRequestParser parser = new ImapRequestParser();
            // The bytes arrive chunk by chunk into one buffer; unconsumed bytes stay in it.
            ByteBuffer arriving = ByteBuffer.wrap(input).limit(0);
            assertThat(request(nextEvent(parser, arriving, chunk)).name()).isEqualTo("IDLE");
            parser.expectContinuationLine();
            assertThat(nextEvent(parser, arriving, chunk)).isEqualTo(new ContinuationLine(bytes("DONE")));
            assertThat(request(nextEvent(parser, arriving, chunk)).name()).isEqualTo("NOOP");
        }
    }

    private static ParseEvent nextEvent(ImapRequestParser parser, ByteBuffer arriving, int chunk) {
        ParseEvent event;
        while ((event = parser.next(arriving)) == null) {
            assertThat(arriving.limit()).as("input left").isLessThan(arriving.capacity());
            arriving.limit(Math.min(arriving.capacity(), arriving.limit() + chunk));
        }
        return event;
    }

    @Test
    void continuationLineCannotBeExpectedInsideACommand() {
        ImapRequestParser parser = new ImapRequestParser();
        parser.next(ByteBuffer.wrap(bytes("a LOGIN {3}\r\n")));
        assertThatThrownBy(parser::expectContinuationLine).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void literalPlusRefusedWhenOnlySynchronizingLiteralsAreAdvertised() {
        ImapRequestParser parser = new ImapRequestParser(ImapParserLimits.defaults(), LiteralMode.SYNCHRONIZING_ONLY);
        List<ParseEvent> events = parse(parser, bytes("a LOGIN {3+}\r\nabc {2+}\r\nxy\r\nb NOOP\r\n"), 1);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.tag()).isEqualTo("a");
            assertThat(e.status()).isEqualTo(ImapStatus.BAD);
            assertThat(e.closeConnection()).isFalse();
        });
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void literalMinusAcceptsUpTo4096NonSynchronizingOctets() {
        ImapRequestParser parser = new ImapRequestParser(ImapParserLimits.defaults(), LiteralMode.LITERAL_MINUS);
        String body = "x".repeat(4096);
        List<ParseEvent> events = parse(parser, bytes("a APPEND INBOX {4096+}\r\n" + body + "\r\n"), 4000);
        assertThat(events).hasSize(1);
        assertThat(request(events.get(0)).arguments().get(1)).isEqualTo(new Literal(bytes(body), false));
    }

    @Test
    void literalMinusRefusesLargerNonSynchronizingLiteralAndSkipsIt() {
        ImapRequestParser parser = new ImapRequestParser(ImapParserLimits.defaults(), LiteralMode.LITERAL_MINUS);
        String body = "A1 NOOP\r\n".repeat(500);
        List<ParseEvent> events = parse(parser, bytes("a APPEND INBOX {" + body.length() + "+}\r\n" + body + "\r\nb NOOP\r\n"), 7);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new ParseError("a", ImapStatus.BAD, ResponseCode.TOOBIG,
                "Non-synchronizing literal larger than 4096 octets", false));
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void fourGigabyteLiteralIsRefusedBeforeAnyOctetIsRead() {
        ImapRequestParser parser = new ImapRequestParser();
        ByteBuffer input = ByteBuffer.wrap(bytes("A1 APPEND INBOX {4294967296}\r\nA2 NOOP\r\n"));
        ParseEvent refused = parser.next(input);
        assertThat(refused).isEqualTo(new ParseError("A1", ImapStatus.NO, ResponseCode.TOOBIG, "Literal too big", false));
        assertThat(input.position()).as("nothing after the announcement was consumed").isEqualTo(30);
        assertThat(request(parser.next(input)).name()).isEqualTo("NOOP");
    }

    @Test
    void announcedLiteralCostsNothingUntilItsBytesArrive() {
        ImapRequestParser parser = new ImapRequestParser();
        assertThat(parser.next(ByteBuffer.wrap(bytes("A1 APPEND INBOX {26214400}\r\n"))))
                .isEqualTo(new ContinuationNeeded("A1", 26214400));
        assertThat(parser.retainedBytes()).isLessThan(10_000);
        parser.next(ByteBuffer.wrap(new byte[1000]));
        assertThat(parser.retainedBytes()).isLessThan(10_000);
    }

    @Test
    void literalSizeBeyondLongIsTooBig() {
        List<ParseEvent> events = parse("a LOGIN {99999999999999999999999999}\r\nb NOOP\r\n");
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class,
                e -> assertThat(e.code()).isEqualTo(ResponseCode.TOOBIG));
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void hugeNonSynchronizingLiteralClosesTheConnection() {
        ImapRequestParser parser = new ImapRequestParser();
        List<ParseEvent> events = parse(parser, bytes("A1 APPEND INBOX {4294967296+}\r\nxxxx\r\nA2 NOOP\r\n"), 5);
        assertThat(events).containsExactly(new ParseError("A1", ImapStatus.BYE, ResponseCode.TOOBIG, "Literal too big", true));
    }

    @Test
    void literalsOfOtherCommandsHaveTheSmallerLimit() {
        ImapParserLimits limits = ImapParserLimits.defaults().withMaxLiteralSize(100).withMaxAppendLiteralSize(1000);
        ImapRequestParser parser = new ImapRequestParser(limits, LiteralMode.LITERAL_PLUS);
        List<ParseEvent> events = parse(parser, bytes("a LOGIN {101}\r\nb APPEND INBOX {1000}\r\n"), 100);
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.tag()).isEqualTo("a"));
        assertThat(events.get(1)).isEqualTo(new ContinuationNeeded("b", 1000));
    }

    @Test
    void wholeCommandSizeIsBounded() {
        ImapParserLimits limits = ImapParserLimits.defaults().withMaxCommandSize(70_000);
        ImapRequestParser parser = new ImapRequestParser(limits, LiteralMode.LITERAL_PLUS);
        String literal = "x".repeat(40_000);
        List<ParseEvent> events = parse(parser, bytes("a X {40000+}\r\n" + literal + " {40000+}\r\n" + literal + "\r\nb NOOP\r\n"), 999);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isEqualTo(new ParseError("a", ImapStatus.NO, ResponseCode.TOOBIG, "Command too big", false));
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void thousandNestedParenthesesAreRefusedAndTheNextCommandParses() {
        String deep = "a SEARCH " + "(".repeat(1000) + "ALL" + ")".repeat(1000) + "\r\nb NOOP\r\n";
        for (int chunk : new int[] {1, 1 << 20}) {
            List<ParseEvent> events = parse(bytes(deep), chunk);
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isEqualTo(new ParseError("a", ImapStatus.BAD, ResponseCode.LIMIT, "Lists nested too deeply", false));
            assertThat(request(events.get(1)).tag()).isEqualTo("b");
        }
    }

    @Test
    void nestingUpToTheLimitIsAccepted() {
        String deep = "a SEARCH " + "(".repeat(32) + "ALL" + ")".repeat(32) + "\r\n";
        ImapArg arg = request(parse(deep).get(0)).arguments().get(0);
        int depth = 0;
        while (arg instanceof ArgList list) {
            depth++;
            arg = list.items().get(0);
        }
        assertThat(depth).isEqualTo(32);
    }

    @Test
    void overLongLineIsRefusedAtOnceAndSkipped() {
        ImapRequestParser parser = new ImapRequestParser();
        ByteBuffer start = ByteBuffer.wrap(bytes("a7 FETCH " + "1,".repeat(40_000)));
        ParseEvent event = parser.next(start);
        assertThat(event).as("reported before the line ends").isEqualTo(
                new ParseError("a7", ImapStatus.BAD, ResponseCode.TOOBIG, "Line too long", false));
        List<ParseEvent> rest = parse(parser, bytes("1,".repeat(100_000) + "1 FLAGS\r\nb NOOP\r\n"), 4096);
        assertThat(rest).hasSize(1);
        assertThat(request(rest.get(0)).tag()).isEqualTo("b");
    }

    @Test
    void overLongLineAnnouncingANonSynchronizingLiteralSkipsTheLiteralToo() {
        String input = "a X " + "y".repeat(70_000) + " {9+}\r\nb NOOP\r\n\r\nc NOOP\r\n";
        for (int chunk : new int[] {1, 1 << 20}) {
            List<ParseEvent> events = parse(bytes(input), chunk);
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.tag()).isEqualTo("a"));
            assertThat(request(events.get(1)).tag()).isEqualTo("c");
        }
    }

    @Test
    void lineOfExactlyTheLimitIsAccepted() {
        ImapParserLimits limits = ImapParserLimits.defaults().withMaxLineLength(8192);
        ImapRequestParser parser = new ImapRequestParser(limits, LiteralMode.LITERAL_PLUS);
        String prefix = "a X ";
        String exact = prefix + "z".repeat(8192 - prefix.length());
        List<ParseEvent> events = parse(parser, bytes(exact + "\r\n" + exact + "z\n" + "b NOOP\r\n"), 1000);
        assertThat(events).hasSize(3);
        assertThat(request(events.get(0)).arguments().get(0)).isEqualTo(new Atom("z".repeat(8192 - prefix.length())));
        assertThat(events.get(1)).isInstanceOf(ParseError.class);
        assertThat(request(events.get(2)).tag()).isEqualTo("b");
    }

    @Test
    void tooManyArguments() {
        ImapRequestParser parser = new ImapRequestParser(ImapParserLimits.defaults().withMaxArguments(10), LiteralMode.LITERAL_PLUS);
        List<ParseEvent> events = parse(parser, bytes("a X 1 2 3 4 5 6 7 8 9 10 11\r\nb X 1 2 3\r\n"), 3);
        assertThat(events.get(0)).isEqualTo(new ParseError("a", ImapStatus.BAD, ResponseCode.LIMIT, "Too many arguments", false));
        assertThat(request(events.get(1)).arguments()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a LOGIN \"us\\er\" pw",       // only \" and \\ may be escaped
        "a LOGIN \"user pw",           // unterminated
        "a LOGIN \"us\rer\" pw",       // CR in a quoted string
        "a LOGIN {5}abc",              // a literal must end the line
        "a LOGIN {x}",                 // not a literal
        "a X (a b",                    // unclosed list
        "a X a)",                      // unexpected )
        "a X a\"b\"",                  // no space between arguments
        "a X (a)(b)",                  // no space between lists
        "a X ab{c",                    // { inside an atom
        "a X a\u0001b",                // control character in an atom
        "a UID",                       // UID without a command
        "a LOG(IN",                    // not a command name
        "a FETCH 1 BODY[HEADER",       // section not closed
    })
    void syntaxErrorsGetTaggedBadAndTheNextCommandParses(String bad) {
        List<ParseEvent> events = parse(bytes(bad + "\r\nb NOOP\r\n"), 1);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class, e -> {
            assertThat(e.tag()).isEqualTo("a");
            assertThat(e.status()).isEqualTo(ImapStatus.BAD);
            assertThat(e.closeConnection()).isFalse();
        });
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void syntaxErrorBeforeANonSynchronizingLiteralSkipsTheWholeCommand() {
        List<ParseEvent> events = parse(bytes("a LOGIN \"x\\q\" {5+}\r\nb NOOP {3+}\r\nabc\r\nc NOOP\r\n"), 1);
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.tag()).isEqualTo("a"));
        assertThat(request(events.get(1)).tag()).isEqualTo("c");
    }

    @Test
    void syntaxErrorBeforeASynchronizingLiteralEndsTheCommand() {
        // The client waits for "+", gets the tagged BAD instead and sends its next command.
        List<ParseEvent> events = parse("a LOGIN \"x\\q\" {5}\r\nb NOOP\r\n");
        assertThat(events).hasSize(2);
        assertThat(request(events.get(1)).tag()).isEqualTo("b");
    }

    @Test
    void eightBitQuotedStringsNeedUtf8Accept() {
        String search = "a SEARCH CHARSET UTF-8 SUBJECT \"Grüße\"\r\n";
        assertThat(parse(search).get(0)).isInstanceOf(ParseError.class);
        ImapRequestParser parser = new ImapRequestParser();
        parser.enableUtf8();
        ImapRequest r = request(parse(parser, bytes(search), 1).get(0));
        assertThat(r.arguments().get(3)).isEqualTo(new Quoted("Grüße"));
    }

    @Test
    void malformedUtf8InQuotedStringIsRefused() {
        ImapRequestParser parser = new ImapRequestParser();
        parser.enableUtf8();
        byte[] input = {'a', ' ', 'X', ' ', '"', (byte) 0xC3, '"', '\r', '\n'};
        assertThat(parse(parser, input, 1).get(0)).isInstanceOf(ParseError.class);
    }

    @Test
    void missingOrInvalidTagGivesUntaggedBad() {
        List<ParseEvent> events = parse(" NOOP\r\n+ NOOP\r\n* NOOP\r\nab(c NOOP\r\nok NOOP\r\n");
        assertThat(events).hasSize(5);
        for (ParseEvent e : events.subList(0, 4)) {
            assertThat(e).isInstanceOfSatisfying(ParseError.class, err -> assertThat(err.tag()).isNull());
        }
        assertThat(request(events.get(4)).tag()).isEqualTo("ok");
    }

    @Test
    void tagWithoutCommand() {
        assertThat(parse("a\r\n").get(0)).isEqualTo(new ParseError("a", ImapStatus.BAD, null, "Missing command name", false));
        assertThat(parse("a \r\n").get(0)).isEqualTo(new ParseError("a", ImapStatus.BAD, null, "Missing command name", false));
    }

    @Test
    void emptyLineIsAnUntaggedError() {
        List<ParseEvent> events = parse("\r\na NOOP\r\n");
        assertThat(events).containsExactly(
                new ParseError(null, ImapStatus.BAD, null, "Empty command line", false),
                new CommandReady(new ImapRequest("a", "NOOP", List.of(), 8)));
    }

    @Test
    void commandNamesAreUpperCasedAndUidJoinsItsCommand() {
        assertThat(request(parse("a uid Store 1 FLAGS x\r\n").get(0)).name()).isEqualTo("UID STORE");
        assertThat(request(parse("a x-Vendor-Thing\r\n").get(0)).name()).isEqualTo("X-VENDOR-THING");
    }

    @Test
    void bareLineFeedEndsALine() {
        List<ParseEvent> events = parse("a LOGIN {3}\nabc\nb NOOP\n");
        assertThat(events).hasSize(3);
        assertThat(request(events.get(1)).arguments()).containsExactly(new Literal(bytes("abc"), false));
    }

    @Test
    void extraSpacesAreTolerated() {
        ImapRequest r = request(parse("a STATUS  INBOX ( MESSAGES  UNSEEN ) \r\n").get(0));
        assertThat(r.arguments()).containsExactly(new Atom("INBOX"),
                new ArgList(List.of(new Atom("MESSAGES"), new Atom("UNSEEN"))));
    }

    @Test
    void resetForgetsAPartialCommand() {
        ImapRequestParser parser = new ImapRequestParser();
        assertThat(parser.next(ByteBuffer.wrap(bytes("a LOGIN {5}\r\nab")))).isInstanceOf(ContinuationNeeded.class);
        assertThat(parser.isBetweenCommands()).isFalse();
        parser.reset();
        assertThat(parser.isBetweenCommands()).isTrue();
        assertThat(request(parser.next(ByteBuffer.wrap(bytes("b NOOP\r\n")))).tag()).isEqualTo("b");
    }

    @Test
    void literalBytesAreKeptExactly() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        all.writeBytes(bytes("a APPEND INBOX ~{256+}\r\n"));
        all.writeBytes(body);
        all.writeBytes(bytes("\r\n"));
        List<ParseEvent> events = parse(all.toByteArray(), 13);
        assertThat(request(events.get(0)).arguments().get(1)).isEqualTo(new Literal(body, true));
    }

    @Test
    void requestToStringHidesArguments() {
        ImapRequest login = request(parse("a LOGIN alice \"secret\"\r\n").get(0));
        assertThat(login.toString()).isEqualTo("a LOGIN (2 arguments)").doesNotContain("secret");
    }
}
