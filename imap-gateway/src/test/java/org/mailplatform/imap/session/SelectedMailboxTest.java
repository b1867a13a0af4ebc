package org.mailplatform.imap.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.store.mailbox.Mailbox;
import org.mailplatform.store.message.MessageFlags;
import org.mailplatform.store.message.SystemFlag;
import org.mailplatform.store.message.UidSet;

class SelectedMailboxTest {

    private static SelectedMailbox mailbox(long... uids) {
        Mailbox mailbox = new Mailbox(1, 1, "INBOX", 7, 100, 10, Optional.empty(), true, true);
        return new SelectedMailbox(mailbox, false, uids, new long[uids.length], 10);
    }

    @Test
    void sequenceNumbersMapToUidsAndBack() throws Exception {
        SelectedMailbox m = mailbox(3, 5, 9, 20);
        assertThat(m.uidAt(3)).isEqualTo(9);
        assertThat(m.sequenceOf(20)).isEqualTo(4);
        assertThat(m.sequenceOf(4)).isZero();
        assertThat(m.resolve(SequenceSet.parse("2:3"), false)).isEqualTo(UidSet.range(5, 9));
        assertThat(m.resolve(SequenceSet.parse("4,1"), false)).isEqualTo(UidSet.ofRanges(
                java.util.List.of(new UidSet.Range(3, 3), new UidSet.Range(20, 20))));
        assertThat(m.resolve(SequenceSet.parse("*"), false)).isEqualTo(UidSet.of(20));
        assertThatThrownBy(() -> m.resolve(SequenceSet.parse("5"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void uidSetsAreClampedToWhatTheClientKnows() throws Exception {
        SelectedMailbox m = mailbox(3, 5, 9);
        assertThat(m.resolve(SequenceSet.parse("4:*"), true)).isEqualTo(UidSet.range(4, 9));
        assertThat(m.resolve(SequenceSet.parse("50:60"), true)).isEqualTo(UidSet.empty());
        // RFC 9051 6.4.9: n:* includes the highest UID even when n is larger.
        assertThat(m.resolve(SequenceSet.parse("50:*"), true)).isEqualTo(UidSet.of(9));
        assertThat(m.knownUids(UidSet.range(4, 100))).containsExactly(5, 9);
    }

    @Test
    void removingAMessageShiftsLaterNumbers() {
        SelectedMailbox m = mailbox(3, 5, 9);
        assertThat(m.remove(5)).isEqualTo(2);
        assertThat(m.exists()).isEqualTo(2);
        assertThat(m.sequenceOf(9)).isEqualTo(2);
        assertThat(m.remove(5)).isZero();
    }

    @Test
    void anEmptyMailboxResolvesStarToNothing() throws Exception {
        SelectedMailbox m = mailbox();
        assertThat(m.resolve(SequenceSet.parse("1:*"), false)).isEqualTo(UidSet.empty());
        assertThat(m.resolve(SequenceSet.parse("1:*"), true)).isEqualTo(UidSet.empty());
        assertThatThrownBy(() -> m.resolve(SequenceSet.parse("1"), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recentMessagesAreCountedWhileTheyStayInTheMap() {
        SelectedMailbox m = mailbox(3, 5, 9, 20);
        m.addRecent(UidSet.range(5, 9));
        m.addRecent(UidSet.range(15, 30));
        assertThat(m.recentCount()).isEqualTo(3);
        assertThat(m.isRecent(3)).isFalse();
        assertThat(m.flagNames(20, MessageFlags.of(SystemFlag.SEEN))).containsExactly("\\Recent", "\\Seen");
        assertThat(m.flagNames(3, MessageFlags.of(SystemFlag.SEEN))).containsExactly("\\Seen");
        m.remove(9);
        assertThat(m.recentCount()).isEqualTo(2);
    }

    @Test
    void keywordsAreNewOnceWhateverTheirCase() {
        SelectedMailbox m = mailbox(1);
        assertThat(m.newKeywords(List.of(MessageFlags.of(List.of(), List.of("$Work", "Later"))))).containsExactly("$Work", "Later");
        assertThat(m.newKeywords(List.of(MessageFlags.of(List.of(), List.of("$work", "Other"))))).containsExactly("Other");
        assertThat(m.announcedKeywords()).containsExactly("$Work", "Later", "Other");
    }
}
