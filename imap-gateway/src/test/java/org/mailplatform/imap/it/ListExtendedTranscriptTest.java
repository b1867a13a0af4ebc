package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * LIST-EXTENDED (RFC 5258) exchanges: the expectations of Dovecot's imaptest "listext" script,
 * then RFC 5258's own examples 8 and 10, each compared line by line.
 */
class ListExtendedTranscriptTest extends ImapTestBase {

    @Test
    void theListextScript() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("LIST \"\" \"\"").expect("* LIST (\\Noselect) \"/\" \"\"", "OK LIST completed");
            for (String name : List.of("box/test1", "box/test2/", "box/test2/test1", "box/test3", "box/test4/test5",
                    "box/test4/test52", "box/test6", "box/test7/test7", "box/test8/test8", "box/test8/test9")) {
                t.send("CREATE " + name).expect("OK CREATE completed");
            }
            for (String name : List.of("box/test1", "box/test2/test1", "box/test6", "box/test7/test7", "box/test8/test8",
                    "box/test8/test9")) {
                t.send("SUBSCRIBE " + name).expect("OK SUBSCRIBE completed");
            }
            t.send("DELETE box/test6").expect("OK DELETE completed");

            // Several patterns: a name matching any of them is listed once (RFC 5258 3).
            t.send("LIST \"\" (box/*2 box/test3)").expect(
                    "* LIST (\\HasChildren) \"/\" box/test2",
                    "* LIST (\\HasNoChildren) \"/\" box/test3",
                    "* LIST (\\HasNoChildren) \"/\" box/test4/test52",
                    "OK LIST completed");

            t.send("LIST (imaptest) \"\" \"\"").expect("BAD Unknown LIST selection option");
            t.send("LIST (recursivematch) \"\" \"\"").expect("BAD RECURSIVEMATCH needs another selection option");
            t.send("LIST (recursivematch remote) \"\" \"\"").expect("BAD RECURSIVEMATCH needs another selection option");
            t.send("LIST \"\" \"\" return (imaptest)").expect("BAD Unknown LIST return option");
            assertThat(t.send("LIST (remote) \"\" %").lines())
                    .contains("* LIST (\\HasChildren) \"/\" box").last().isEqualTo(t.tag() + " OK LIST completed");

            // A subscribed name stays subscribed after DELETE and is listed \NonExistent (RFC 5258 3).
            t.send("LIST (subscribed) \"\" box/*").expect(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test1",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test2/test1",
                    "* LIST (\\NonExistent \\Subscribed) \"/\" box/test6",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test7/test7",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test8/test8",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test8/test9",
                    "OK LIST completed");

            // RECURSIVEMATCH: a parent whose subscribed child the pattern does not reach (RFC 5258 3.5).
            t.send("LIST (subscribed recursivematch) \"\" box/test2% return (children)").expect(
                    "* LIST (\\HasChildren) \"/\" box/test2 (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                    "OK LIST completed");

            t.send("LIST \"\" box/% return (children subscribed)").expect(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test1",
                    "* LIST (\\HasChildren) \"/\" box/test2",
                    "* LIST (\\HasNoChildren) \"/\" box/test3",
                    "* LIST (\\HasChildren) \"/\" box/test4",
                    "* LIST (\\HasChildren) \"/\" box/test7",
                    "* LIST (\\HasChildren) \"/\" box/test8",
                    "OK LIST completed");

            // The only subscribed child matches the pattern itself: no CHILDINFO for its parent (RFC 5258 3.3 2B).
            t.send("LIST (subscribed recursivematch) \"\" *test7").expect(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test7/test7",
                    "OK LIST completed");

            t.send("LIST (subscribed recursivematch) \"\" *test8").expect(
                    "* LIST (\\HasChildren) \"/\" box/test8 (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test8/test8",
                    "OK LIST completed");

            t.send("LIST (subscribed recursivematch) \"\" (box/test2)").expect(
                    "* LIST (\\HasChildren) \"/\" box/test2 (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                    "OK LIST completed");

            t.send("LIST (subscribed recursivematch) \"\" (box/test2 box/test2/test1)").expect(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" box/test2/test1",
                    "OK LIST completed");

            t.send("LIST \"\" (box/test7 box/test7/test7)").expect(
                    "* LIST (\\HasChildren) \"/\" box/test7",
                    "* LIST (\\HasNoChildren) \"/\" box/test7/test7",
                    "OK LIST completed");
        }
    }

    @Test
    void rfc5258Example8() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("CREATE Foo/Bar").expect("OK CREATE completed");
            t.send("CREATE Foo/Baz").expect("OK CREATE completed");
            t.send("CREATE Moo").expect("OK CREATE completed");
            t.send("SUBSCRIBE Foo/Baz").expect("OK SUBSCRIBE completed");
            t.send("LIST (SUBSCRIBED) \"\" \"Foo/*\"").expect(
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Foo/Baz", "OK LIST completed");
            t.send("LIST (SUBSCRIBED) \"\" \"%oo\"").expect("OK LIST completed");
            t.send("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%oo\"").expect(
                    "* LIST (\\HasChildren) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))", "OK LIST completed");
            // A1: Foo subscribed too.
            t.send("SUBSCRIBE Foo").expect("OK SUBSCRIBE completed");
            t.send("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%oo\"").expect(
                    "* LIST (\\HasChildren \\Subscribed) \"/\" Foo (\"CHILDINFO\" (\"SUBSCRIBED\"))", "OK LIST completed");
            // C: only Foo and Moo subscribed.
            t.send("UNSUBSCRIBE Foo/Baz").expect("OK UNSUBSCRIBE completed");
            t.send("SUBSCRIBE Moo").expect("OK SUBSCRIBE completed");
            t.send("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%oo\" RETURN (CHILDREN)").expect(
                    "* LIST (\\HasChildren \\Subscribed) \"/\" Foo",
                    "* LIST (\\HasNoChildren \\Subscribed) \"/\" Moo",
                    "OK LIST completed");
        }
    }

    @Test
    void rfc5258Example10AndANonExistentParent() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("CREATE foo").expect("OK CREATE completed");
            t.send("SUBSCRIBE foo/bar").expect("OK SUBSCRIBE completed");
            t.send("LIST \"\" (\"foo\" \"foo/*\")").expect("* LIST (\\HasNoChildren) \"/\" foo", "OK LIST completed");
            t.send("LIST (SUBSCRIBED) \"\" \"foo/*\"").expect(
                    "* LIST (\\NonExistent \\Subscribed) \"/\" foo/bar", "OK LIST completed");
            t.send("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" foo RETURN (CHILDREN)").expect(
                    "* LIST (\\HasNoChildren) \"/\" foo (\"CHILDINFO\" (\"SUBSCRIBED\"))", "OK LIST completed");
            // RFC 5258 3.5 example A2: neither the parent nor the child exists.
            t.send("SUBSCRIBE ghost/child").expect("OK SUBSCRIBE completed");
            t.send("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" gh%").expect(
                    "* LIST (\\NonExistent) \"/\" ghost (\"CHILDINFO\" (\"SUBSCRIBED\"))", "OK LIST completed");
            // An empty pattern in an extended LIST is no request for the delimiter; it matches nothing.
            t.send("LIST () \"\" \"\"").expect("OK LIST completed");
            t.send("LIST \"\" (\"\" foo)").expect("* LIST (\\HasNoChildren) \"/\" foo", "OK LIST completed");
        }
    }
}
