package org.mailplatform.imap.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.Properties;

import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.account.Account;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.ReceivedDateTerm;
import jakarta.mail.search.SubjectTerm;

/** Jakarta Mail's IMAP provider against the gateway: imaps (trust-all) and imap with STARTTLS. */
class JakartaMailClientTest extends ImapTestBase {

    private Store imaps(Account account) throws Exception {
        Properties props = new Properties();
        props.put("mail.imaps.ssl.trust", "*");
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        props.put("mail.imaps.connectiontimeout", "10000");
        props.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imaps");
        store.connect("127.0.0.1", implicitTlsPort(), account.address().toString(), PASSWORD);
        return store;
    }

    @Test
    void startTlsLoginAndFolders() throws Exception {
        Account account = newAccount();
        Properties props = new Properties();
        props.put("mail.imap.starttls.enable", "true");
        props.put("mail.imap.starttls.required", "true");
        props.put("mail.imap.ssl.trust", "*");
        props.put("mail.imap.ssl.checkserveridentity", "false");
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", starttlsPort(), account.address().toString(), PASSWORD);
        try {
            Folder work = store.getFolder("Work");
            assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName))
                    .contains("INBOX", "Work", "Sent", "Trash");
            assertThat(work.renameTo(store.getFolder("Work 2026"))).isTrue();
            assertThat(store.getFolder("Work 2026").exists()).isTrue();
            assertThat(store.getFolder("Work").exists()).isFalse();
            assertThat(store.getFolder("Work 2026").delete(false)).isTrue();
            assertThat(store.getFolder("Work 2026").exists()).isFalse();
        } finally {
            store.close();
        }
    }

    @Test
    void appendFetchStructureSearchStoreCopyMoveExpunge() throws Exception {
        Account account = newAccount();
        byte[] raw = TestMessages.withAttachment().getBytes(StandardCharsets.UTF_8);
        deliver(account, TestMessages.simple("zebra lunch"));
        Store store = imaps(account);
        try {
            Session session = Session.getInstance(new Properties());
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            AppendUID[] appended = inbox.appendUIDMessages(new Message[] {new MimeMessage(session, new ByteArrayInputStream(raw))});
            assertThat(appended[0].uid).isEqualTo(2);
            inbox.open(Folder.READ_WRITE);
            IMAPMessage message = (IMAPMessage) inbox.getMessageByUID(2);
            ByteArrayOutputStream fetched = new ByteArrayOutputStream();
            message.writeTo(fetched);
            assertThat(fetched.toByteArray()).isEqualTo(raw);

            MimeMultipart multipart = (MimeMultipart) message.getContent();
            assertThat(multipart.getCount()).isEqualTo(2);
            assertThat(multipart.getBodyPart(0).getContent()).isEqualTo("Please find the report attached. Grüße");
            assertThat(multipart.getBodyPart(1).getFileName()).isEqualTo("report.pdf");
            assertThat(multipart.getBodyPart(1).getDisposition()).isEqualToIgnoringCase(Part.ATTACHMENT);
            assertThat(multipart.getBodyPart(1).getSize()).isEqualTo(64);

            assertThat(inbox.search(new SubjectTerm("quarterly"))).extracting(m -> inbox.getUID(m)).containsExactly(2L);
            assertThat(inbox.search(new FromStringTerm("alice"))).extracting(m -> inbox.getUID(m)).containsExactly(1L);
            assertThat(inbox.search(new BodyTerm("zebra"))).extracting(m -> inbox.getUID(m)).containsExactly(1L);
            assertThat(inbox.search(new AndTerm(new ReceivedDateTerm(ComparisonTerm.GE, new Date(0)),
                    new FlagTerm(new Flags(Flags.Flag.SEEN), false)))).extracting(m -> inbox.getUID(m))
                    .as("reading BODY[] set \\Seen on the appended message").containsExactly(1L);

            message.setFlag(Flags.Flag.FLAGGED, true);
            assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).extracting(m -> inbox.getUID(m))
                    .containsExactly(2L);

            Folder archive = store.getFolder("Archive");
            AppendUID[] copied = inbox.copyUIDMessages(new Message[] {inbox.getMessageByUID(1)}, archive);
            assertThat(copied[0]).isNotNull();
            assertThat(copied[0].uid).isEqualTo(1);
            AppendUID[] moved = inbox.moveUIDMessages(new Message[] {inbox.getMessageByUID(2)}, archive);
            assertThat(moved[0].uid).isEqualTo(2);
            assertThat(store.getFolder("INBOX").getMessageCount()).as("STATUS after the move").isEqualTo(1);

            inbox.getMessageByUID(1).setFlag(Flags.Flag.DELETED, true);
            Message[] expunged = inbox.expunge();
            // The client also hands back the message the MOVE expunged earlier in this session.
            assertThat(expunged).isNotEmpty();
            assertThat(store.getFolder("INBOX").getMessageCount()).isZero();
            inbox.close(false);

            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessageCount()).isEqualTo(2);
            assertThat(archive.getMessage(2).isSet(Flags.Flag.FLAGGED)).isTrue();
            archive.close(false);
        } finally {
            store.close();
        }
    }
}
