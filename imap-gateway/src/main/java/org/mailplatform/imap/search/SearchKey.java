package org.mailplatform.imap.search;

import java.time.LocalDate;
import java.util.List;

import org.mailplatform.imap.protocol.SequenceSet;
import org.mailplatform.store.message.SystemFlag;

/** A SEARCH criterion (RFC 9051 6.4.4, RFC 3501 6.4.4, RFC 7162 3.1.5). */
public sealed interface SearchKey {

    enum DateTest { BEFORE, ON, SINCE }

    record All() implements SearchKey {
    }

    /** RECENT (RFC 3501 6.4.4): \Recent in this session; NEW and OLD are built from it. */
    record Recent() implements SearchKey {
    }

    record Flag(SystemFlag flag, boolean set) implements SearchKey {
    }

    record Keyword(String keyword, boolean set) implements SearchKey {
    }

    record Sequence(SequenceSet set) implements SearchKey {
    }

    record Uid(SequenceSet set) implements SearchKey {
    }

    record Not(SearchKey key) implements SearchKey {
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {
    }

    record And(List<SearchKey> keys) implements SearchKey {
    }

    /** BEFORE, ON, SINCE: the internal date's day. */
    record Received(DateTest test, LocalDate date) implements SearchKey {
    }

    /** SENTBEFORE, SENTON, SENTSINCE: the Date header's day in its own zone. */
    record Sent(DateTest test, LocalDate date) implements SearchKey {
    }

    record Size(boolean larger, long octets) implements SearchKey {
    }

    /** HEADER, and FROM, TO, CC, BCC, SUBJECT as the fields of that name. */
    record Header(String field, String value) implements SearchKey {
    }

    record Body(String text) implements SearchKey {
    }

    /** Header or body. */
    record Text(String text) implements SearchKey {
    }

    record ModSeq(long modseq) implements SearchKey {
    }
}
