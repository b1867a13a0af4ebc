package org.mailplatform.imap.it;

import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

/**
 * SUBSCRIBE, UNSUBSCRIBE and LSUB (RFC 3501 6.3.6, 6.3.7, 6.3.9): the expectations of Dovecot's
 * imaptest "subscribe" script over two connections of one account, then subscriptions of names
 * that do not exist or no longer do.
 */
class SubscribeTranscriptTest extends ImapTestBase {

    @Test
    void theSubscribeScript() throws Exception {
        Account account = newAccount();
        try (Transcript one = Transcript.login(this, account); Transcript two = Transcript.login(this, account)) {
            one.send("LIST \"\" \"\"").expect("* LIST (\\Noselect) \"/\" \"\"", "OK LIST completed");
            one.send("CREATE box/").expect("OK CREATE completed");
            one.send("CREATE box/test").expect("OK CREATE completed");
            one.send("CREATE box/test2/").expect("OK CREATE completed");
            one.send("CREATE box/test3/").expect("OK CREATE completed");
            one.send("CREATE box/test2/test").expect("OK CREATE completed");
            one.send("CREATE box/test3/test3").expect("OK CREATE completed");
            one.send("CREATE box/test2").expect("NO [ALREADYEXISTS] Mailbox already exists");

            one.send("SUBSCRIBE box/test").expect("OK SUBSCRIBE completed");
            one.send("SUBSCRIBE box/test2/test").expect("OK SUBSCRIBE completed");
            one.send("SUBSCRIBE box/test3/test3").expect("OK SUBSCRIBE completed");

            // RFC 3501 6.3.9: % reaching a parent subscribed only through a child lists it \Noselect.
            two.send("LSUB \"\" box/%").expect(
                    "* LSUB () \"/\" box/test",
                    "* LSUB (\\Noselect) \"/\" box/test2",
                    "* LSUB (\\Noselect) \"/\" box/test3",
                    "OK LSUB completed");
            two.send("LSUB \"\" *test").expect(
                    "* LSUB () \"/\" box/test",
                    "* LSUB () \"/\" box/test2/test",
                    "OK LSUB completed");

            one.send("UNSUBSCRIBE box/test").expect("OK UNSUBSCRIBE completed");
            two.send("LSUB \"\" box/%").expect(
                    "* LSUB (\\Noselect) \"/\" box/test2",
                    "* LSUB (\\Noselect) \"/\" box/test3",
                    "OK LSUB completed");

            one.send("UNSUBSCRIBE box/test2/test").expect("OK UNSUBSCRIBE completed");
            two.send("LSUB \"\" box/*").expect("* LSUB () \"/\" box/test3/test3", "OK LSUB completed");

            one.send("UNSUBSCRIBE box/test3/test3").expect("OK UNSUBSCRIBE completed");
            two.send("LSUB \"\" box/%").expect("OK LSUB completed");
        }
    }

    @Test
    void namesThatDoNotExistCanBeSubscribedAndStaySubscribedAfterDelete() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            // RFC 3501 6.3.6: subscribing needs no mailbox of that name.
            t.send("SUBSCRIBE later/child").expect("OK SUBSCRIBE completed");
            t.send("LSUB \"\" later/*").expect("* LSUB () \"/\" later/child", "OK LSUB completed");
            t.send("LSUB \"\" l%").expect("* LSUB (\\Noselect) \"/\" later", "OK LSUB completed");

            // CREATE does not subscribe.
            t.send("CREATE gone").expect("OK CREATE completed");
            t.send("LSUB \"\" gone").expect("OK LSUB completed");
            t.send("SUBSCRIBE gone").expect("OK SUBSCRIBE completed");
            t.send("DELETE gone").expect("OK DELETE completed");
            // RFC 3501 6.3.6: the server MUST NOT drop the name because the mailbox is gone.
            t.send("LSUB \"\" gone").expect("* LSUB () \"/\" gone", "OK LSUB completed");
            t.send("LIST \"\" gone").expect("OK LIST completed");
            t.send("UNSUBSCRIBE gone").expect("OK UNSUBSCRIBE completed");
            t.send("LSUB \"\" gone").expect("OK LSUB completed");
            t.send("UNSUBSCRIBE gone").expect("NO [NONEXISTENT] Not subscribed");

            // An existing mailbox that is not subscribed: nothing to do, no error.
            t.send("CREATE kept").expect("OK CREATE completed");
            t.send("UNSUBSCRIBE kept").expect("OK UNSUBSCRIBE completed");

            // Names no mailbox could have.
            t.send("SUBSCRIBE \"a//b\"").expect("NO [CANNOT] Invalid mailbox name");
            t.send("SUBSCRIBE \"x*\"").expect("NO [CANNOT] Invalid mailbox name");
            t.send("SUBSCRIBE \"&Jjo\"").expect("NO [CANNOT] Invalid mailbox name");
            t.send("UNSUBSCRIBE \"&Jjo\"").expect("NO [NONEXISTENT] No such mailbox");

            // INBOX in any case is INBOX.
            t.send("UNSUBSCRIBE inbox").expect("OK UNSUBSCRIBE completed");
            t.send("LSUB \"\" INBOX").expect("OK LSUB completed");
            t.send("SUBSCRIBE Inbox").expect("OK SUBSCRIBE completed");
            t.send("LSUB \"\" inbox").expect("* LSUB () \"/\" INBOX", "OK LSUB completed");
        }
    }

    @Test
    void renamingCarriesSubscriptionsAlong() throws Exception {
        try (Transcript t = Transcript.login(this)) {
            t.send("CREATE Old/Child").expect("OK CREATE completed");
            t.send("SUBSCRIBE Old/Child").expect("OK SUBSCRIBE completed");
            t.send("RENAME Old New").expect("OK RENAME completed");
            t.send("LSUB \"\" *Child").expect("* LSUB () \"/\" New/Child", "OK LSUB completed");
        }
    }
}
