package org.mailplatform.imap.sort;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.mailplatform.imap.search.HeaderFields;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.message.Address;
import org.mailplatform.message.Envelope;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;
import org.mailplatform.store.message.UidSet;

/**
 * Loads the {@link SortableMessage}s of the messages a search found, {@value #BATCH} at a time:
 * per batch, the stored structures (envelope and Date) in one query when a key needs them, the
 * header sections in one for the References field of THREAD REFERENCES. Only the compared values
 * are kept.
 */
public final class SortableMessages {

    /**
     * The most References ids kept per message, the nearest ancestors (the last ones): a longer
     * field costs time in THREAD REFERENCES without changing where the message hangs.
     */
    public static final int MAX_REFERENCES = 100;

    /** Messages read per query, so the header sections and structures in memory at once stay bounded. */
    static final int BATCH = 1000;

    private final MessageRepository messages;
    private final MessageStructures structures;
    private final int batch;

    public SortableMessages(MessageRepository messages, MessageStructures structures) {
        this(messages, structures, BATCH);
    }

    SortableMessages(MessageRepository messages, MessageStructures structures, int batch) {
        this.messages = messages;
        this.structures = structures;
        this.batch = batch;
    }

    /**
     * @param found         the messages, ascending by UID
     * @param withEnvelope  whether subject, addresses and sent date are needed
     * @param withReferences whether Message-ID and the parent chain are needed
     */
    public List<SortableMessage> load(SelectedMailbox mailbox, List<MessageSummary> found, boolean withEnvelope,
                                      boolean withReferences) {
        List<SortableMessage> result = new ArrayList<>(found.size());
        for (int from = 0; from < found.size(); from += batch) {
            load(mailbox, found.subList(from, Math.min(found.size(), from + batch)), withEnvelope, withReferences, result);
        }
        return result;
    }

    private void load(SelectedMailbox mailbox, List<MessageSummary> batch, boolean withEnvelope, boolean withReferences,
                      List<SortableMessage> result) {
        UidSet uids = UidSet.of(batch.stream().map(MessageSummary::uid).toList());
        Map<Long, MessageSummary> structured = new HashMap<>();
        if (withEnvelope || withReferences) {
            for (MessageSummary m : messages.summaries(mailbox.id(), uids, true)) {
                structured.put(m.uid(), m);
            }
        }
        Map<Long, byte[]> headers = withReferences ? messages.headerSections(mailbox.id(), uids) : Map.of();
        for (MessageSummary m : batch) {
            MessageSummary withStructure = structured.get(m.uid());
            ParsedMessage parsed = withStructure == null ? null : parsed(mailbox, withStructure);
            result.add(sortable(m, mailbox.sequenceOf(m.uid()), parsed, headers.get(m.uid())));
        }
    }

    private ParsedMessage parsed(SelectedMailbox mailbox, MessageSummary m) {
        try {
            return structures.parsed(m, () -> messages.content(mailbox.id(), m.uid()).orElseThrow());
        } catch (NoSuchElementException e) {
            // Expunged by another session meanwhile: it still sorts, by what the summary holds.
            return null;
        }
    }

    static SortableMessage sortable(MessageSummary m, int sequence, ParsedMessage parsed, byte[] header) {
        Envelope envelope = parsed == null ? Envelope.EMPTY : parsed.envelope();
        BaseSubject subject = BaseSubject.of(envelope.subject());
        Address from = first(envelope.from());
        Address to = first(envelope.to());
        String messageId = parsed == null ? null : MessageIds.first(parsed.messageId());
        List<String> references = header == null ? List.of() : references(header);
        if (references.isEmpty()) {
            String parent = MessageIds.first(envelope.inReplyTo());
            references = parent == null ? List.of() : List.of(parent);
        }
        return new SortableMessage(m.uid(), sequence, m.internalDate(), m.size(),
                parsed == null || parsed.sentAt() == null ? m.internalDate() : parsed.sentAt(),
                subject, Collation.key(subject.text()),
                mailbox(from), mailbox(to), mailbox(first(envelope.cc())),
                display(from), display(to), messageId, references);
    }

    /** RFC 5256 4 REFERENCES step 1: References, else the first id of In-Reply-To. */
    private static List<String> references(byte[] header) {
        for (HeaderFields.Field f : HeaderFields.parse(header)) {
            if (f.name().equalsIgnoreCase("References")) {
                return MessageIds.last(f.value(), MAX_REFERENCES);
            }
        }
        return List.of();
    }

    /**
     * The first address as ENVELOPE lists it. A group's start marker counts: its addr-mailbox is the
     * group name (RFC 3501 7.4.2), which is what RFC 5256 3 then compares, and what Dovecot sorts by.
     */
    private static Address first(List<Address> addresses) {
        for (Address a : addresses) {
            if (!a.groupEndMarker()) {
                return a;
            }
        }
        return null;
    }

    /** RFC 5256 3: the addr-mailbox (local part) of the first address. */
    private static String mailbox(Address a) {
        return a == null || a.mailbox() == null ? "" : Collation.key(decode(a.mailbox()));
    }

    /** RFC 5957 3: the decoded display name, else the addr-spec. */
    private static String display(Address a) {
        if (a == null) {
            return "";
        }
        if (a.groupStartMarker()) {
            // A group has no display name of its own; its name is what a user sees (RFC 5322 3.4).
            return Collation.key(decode(a.mailbox()));
        }
        String name = a.name() == null ? "" : decode(a.name()).strip();
        if (name.isEmpty()) {
            name = a.addrSpec() == null ? "" : a.addrSpec();
        }
        return Collation.key(name);
    }

    private static String decode(String value) {
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return value;
        }
    }
}
