package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

import jakarta.mail.Quota;
import jakarta.mail.Session;

/** QUOTA (RFC 9208): the account's limit as one quota root, refusals with OVERQUOTA, SETQUOTA left to the admin. */
class QuotaTest extends ImapTestBase {

    private static final String MESSAGE = "From: a@remote.test\r\nSubject: quota\r\n\r\n" + "x".repeat(3000) + "\r\n";

    private RawImap login(Account account) throws Exception {
        RawImap imap = RawImap.implicitTls(implicitTlsPort());
        imap.readLine();
        assertThat(RawImap.last(imap.command("LOGIN " + account.address() + " " + RawImap.quote(PASSWORD)))).contains("OK");
        return imap;
    }

    private static List<String> append(RawImap imap, String mailbox, String message) throws Exception {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        String tag = imap.nextTag();
        imap.write(tag + " APPEND " + mailbox + " {" + bytes.length + "+}\r\n");
        imap.write(bytes);
        imap.write("\r\n");
        return imap.readUntilTagged(tag);
    }

    @Test
    void capabilitiesAdvertiseQuotaWithTheStorageResourceButNotQuotaset() throws Exception {
        try (RawImap imap = RawImap.implicitTls(implicitTlsPort())) {
            imap.readLine();
            String caps = imap.command("CAPABILITY").getFirst();
            assertThat(caps).contains(" QUOTA ").contains(" QUOTA=RES-STORAGE").doesNotContain("QUOTASET");
            assertThat(RawImap.last(imap.command("GETQUOTA \"\""))).contains("BAD");
        }
    }

    @Test
    void aLimitedAccountHasOneQuotaRootInUnitsOf1024Octets() throws Exception {
        Account account = newAccount(20 * 1024);
        long size = deliver(account, MESSAGE).size();
        try (RawImap imap = login(account)) {
            String usage = "* QUOTA \"\" (STORAGE " + Math.ceilDiv(size, 1024) + " 20)";
            assertThat(imap.command("GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX \"\"", usage,
                    imap.lastTag() + " OK GETQUOTAROOT completed");
            // The name need not exist: a mailbox created later falls under the same root.
            assertThat(imap.command("GETQUOTAROOT \"Not/Yet\"")).startsWith("* QUOTAROOT Not/Yet \"\"", usage);
            assertThat(imap.command("GETQUOTA \"\"")).containsExactly(usage, imap.lastTag() + " OK GETQUOTA completed");
            assertThat(imap.command("GETQUOTA other")).containsExactly(imap.lastTag() + " NO [NONEXISTENT] No such quota root");

            accounts.setQuota(account.id(), 4096);
            assertThat(imap.command("GETQUOTA \"\"").getFirst()).isEqualTo("* QUOTA \"\" (STORAGE " + Math.ceilDiv(size, 1024) + " 4)");
        }
    }

    @Test
    void anUnlimitedAccountHasNoQuotaRoot() throws Exception {
        Account account = newAccount();
        try (RawImap imap = login(account)) {
            assertThat(imap.command("GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT INBOX",
                    imap.lastTag() + " OK GETQUOTAROOT completed");
            assertThat(RawImap.last(imap.command("GETQUOTA \"\""))).contains("NO [NONEXISTENT]");
        }
    }

    @Test
    void setquotaIsRefusedAndMalformedArgumentsAreBad() throws Exception {
        Account account = newAccount(8192);
        try (RawImap imap = login(account)) {
            assertThat(RawImap.last(imap.command("SETQUOTA \"\" (STORAGE 100000)")))
                    .isEqualTo(imap.lastTag() + " NO [NOPERM] Quotas are set by the administrator");
            assertThat(RawImap.last(imap.command("SETQUOTA \"\" ()"))).contains(" NO [NOPERM]");
            assertThat(RawImap.last(imap.command("SETQUOTA \"\" (STORAGE lots)"))).startsWith(imap.lastTag() + " BAD");
            assertThat(RawImap.last(imap.command("SETQUOTA \"\""))).startsWith(imap.lastTag() + " BAD");
            assertThat(RawImap.last(imap.command("GETQUOTAROOT"))).startsWith(imap.lastTag() + " BAD");
            assertThat(imap.command("GETQUOTA \"\"").getFirst()).endsWith(" 8)");
        }
        assertThat(accounts.findById(account.id()).orElseThrow().quotaBytes()).isEqualTo(8192);
    }

    @Test
    void appendAndCopyOverQuotaAreRefusedWithOverquota() throws Exception {
        Account account = newAccount(5000);
        try (RawImap imap = login(account)) {
            assertThat(RawImap.last(append(imap, "INBOX", MESSAGE))).contains("OK [APPENDUID");
            assertThat(RawImap.last(append(imap, "INBOX", MESSAGE)))
                    .isEqualTo(imap.lastTag() + " NO [OVERQUOTA] Quota exceeded");
            imap.command("SELECT INBOX");
            assertThat(RawImap.last(imap.command("COPY 1 Archive"))).isEqualTo(imap.lastTag() + " NO [OVERQUOTA] Quota exceeded");
            assertThat(imap.command("STATUS Archive (MESSAGES)").getFirst()).isEqualTo("* STATUS Archive (MESSAGES 0)");
            assertThat(imap.command("STATUS INBOX (MESSAGES)").getFirst()).isEqualTo("* STATUS INBOX (MESSAGES 1)");
            // Moving within the account needs no room: the bytes are counted once.
            assertThat(RawImap.last(imap.command("MOVE 1 Archive"))).contains("OK");
        }
        assertThat(accounts.findById(account.id()).orElseThrow().usedBytes()).isEqualTo(MESSAGE.length());
    }

    @Test
    void deletedStorageIsWhatAnExpungeWouldFree() throws Exception {
        Account account = newAccount();
        long first = deliver(account, MESSAGE).size();
        deliver(account, MESSAGE);
        long third = deliver(account, "Subject: small\r\n\r\nhi\r\n").size();
        try (RawImap imap = login(account)) {
            assertThat(imap.command("STATUS INBOX (DELETED DELETED-STORAGE)").getFirst())
                    .isEqualTo("* STATUS INBOX (DELETED 0 DELETED-STORAGE 0)");
            imap.command("SELECT INBOX");
            imap.command("STORE 1,3 +FLAGS.SILENT (\\Deleted)");
            assertThat(imap.command("STATUS INBOX (MESSAGES DELETED-STORAGE DELETED)").getFirst())
                    .isEqualTo("* STATUS INBOX (MESSAGES 3 DELETED-STORAGE " + (first + third) + " DELETED 2)");
            assertThat(imap.command("LIST \"\" INBOX RETURN (STATUS (DELETED-STORAGE))"))
                    .contains("* STATUS INBOX (DELETED-STORAGE " + (first + third) + ")");
        }
    }

    @Test
    void jakartaMailReadsTheQuota() throws Exception {
        Account account = newAccount(1024 * 1024);
        long size = deliver(account, MESSAGE).size();
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        props.put("mail.imaps.timeout", "10000");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", implicitTlsPort(), account.address().toString(), PASSWORD);
        try {
            assertThat(store.hasCapability("QUOTA")).isTrue();
            Quota[] quotas = store.getQuota("INBOX");
            assertThat(quotas).hasSize(1);
            assertThat(quotas[0].quotaRoot).isEmpty();
            assertThat(quotas[0].resources).hasSize(1);
            assertThat(quotas[0].resources[0].name).isEqualTo("STORAGE");
            assertThat(quotas[0].resources[0].usage).isEqualTo(Math.ceilDiv(size, 1024));
            assertThat(quotas[0].resources[0].limit).isEqualTo(1024);
        } finally {
            store.close();
        }
    }
}
