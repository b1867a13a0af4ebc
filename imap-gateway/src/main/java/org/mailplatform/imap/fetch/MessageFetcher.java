package org.mailplatform.imap.fetch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mailplatform.imap.protocol.ImapResponseWriter;
import org.mailplatform.imap.response.BodyStructureWriter;
import org.mailplatform.imap.response.EnvelopeWriter;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.store.MessageStructures;
import org.mailplatform.message.BodyPart;
import org.mailplatform.message.ByteRange;
import org.mailplatform.message.ParsedMessage;
import org.mailplatform.message.PartDecoder;
import org.mailplatform.message.SectionContent;
import org.mailplatform.message.SectionLocator;
import org.mailplatform.message.SectionSpec;
import org.mailplatform.store.message.MessageContent;
import org.mailplatform.store.message.MessageRepository;
import org.mailplatform.store.message.MessageSummary;

/**
 * Writes the FETCH response of one message (RFC 9051 7.5.2). Section octets are sliced from the
 * stored message at the offsets recorded when it was parsed, so a partial fetch reads only its
 * slice; BINARY decodes the part (RFC 3516). Everything is computed before the response line is
 * started, so a failure leaves nothing half-written.
 */
public final class MessageFetcher {

    private final MessageRepository messages;
    private final MessageStructures structures;

    public MessageFetcher(MessageRepository messages, MessageStructures structures) {
        this.messages = messages;
        this.structures = structures;
    }

    /**
     * @return false when the message vanished meanwhile and nothing was written
     */
    public boolean write(ImapResponseWriter out, SelectedMailbox mailbox, int seq, MessageSummary summary, List<FetchItem> items)
            throws UnknownEncodingException {
        return write(out, mailbox, seq, summary, items, null, null);
    }

    /**
     * @param header   the message's header section read beforehand for many messages at once
     *                 ({@link #onlyHeaderSections}), or null; used instead of reading the message
     * @param contents where the message's octets are read ahead with those of the next ones, or null
     *                 to read them alone
     */
    public boolean write(ImapResponseWriter out, SelectedMailbox mailbox, int seq, MessageSummary summary, List<FetchItem> items,
                         byte[] header, ContentPrefetch contents) throws UnknownEncodingException {
        long mailboxId = mailbox.id();
        boolean needContent = items.stream().anyMatch(FetchItem::needsContent);
        boolean needStructure = items.stream().anyMatch(FetchItem::needsStructure);
        MessageContent[] content = new MessageContent[1];
        ParsedMessage parsed = null;
        if (needStructure && header != null) {
            parsed = structures.parsed(summary, () -> messages.content(mailboxId, summary.uid()).orElseThrow());
        }
        Octets octets = null;
        if (needContent && parsed != null && parsed.body().bodyStart() <= header.length) {
            octets = Octets.of(header);
        } else if (needContent) {
            Optional<MessageContent> found = contents != null ? contents.content(summary)
                    : messages.content(mailboxId, summary.uid());
            if (found.isEmpty()) {
                return false;
            }
            content[0] = found.get();
            octets = Octets.of(content[0]);
        }
        if (needStructure && parsed == null) {
            parsed = structures.parsed(summary, () -> content[0] != null ? content[0]
                    : messages.content(mailboxId, summary.uid()).orElseThrow());
        }
        List<Object> values = new ArrayList<>(items.size());
        for (FetchItem item : items) {
            values.add(item instanceof FetchItem.Section section ? section(section, parsed, octets) : null);
        }
        ImapResponseWriter.Line line = out.untagged().number(seq).atom("FETCH").openList();
        for (int i = 0; i < items.size(); i++) {
            FetchItem item = items.get(i);
            switch (item) {
                case FetchItem.Flags f -> line.atom("FLAGS").flags(mailbox.flagNames(summary.uid(), summary.flags()));
                case FetchItem.InternalDate d ->
                        line.atom("INTERNALDATE").dateTime(summary.internalDate().atOffset(ZoneOffset.UTC));
                case FetchItem.Size s -> line.atom("RFC822.SIZE").number(summary.size());
                case FetchItem.Uid u -> line.atom("UID").number(summary.uid());
                case FetchItem.ModSeq m -> line.atom("MODSEQ").openList().number(summary.modseq()).closeList();
                case FetchItem.Envelope e -> {
                    line.atom("ENVELOPE");
                    EnvelopeWriter.write(line, parsed.envelope());
                }
                case FetchItem.Structure s -> {
                    line.atom(s.extensions() ? "BODYSTRUCTURE" : "BODY");
                    BodyStructureWriter.write(line, parsed.body(), s.extensions());
                }
                case FetchItem.Section s -> {
                    line.atom(s.responseName());
                    Object value = values.get(i);
                    if (value instanceof Long size) {
                        line.number(size);
                    } else if (value == null) {
                        line.nil();
                    } else if (s.kind() == FetchItem.Section.Kind.BINARY) {
                        line.binary((byte[]) value);
                    } else {
                        line.literal((byte[]) value);
                    }
                }
            }
        }
        line.closeList().end();
        return true;
    }

    /** Whether every octet the items need lies in the top-level header, which can be read for many messages in one query. */
    public static boolean onlyHeaderSections(List<FetchItem> items) {
        return items.stream().anyMatch(FetchItem::needsContent) && items.stream()
                .filter(FetchItem::needsContent)
                .allMatch(i -> i instanceof FetchItem.Section s && s.kind() == FetchItem.Section.Kind.BODY
                        && s.part().isEmpty() && s.text() != null && s.text().startsWith("HEADER"));
    }

    private static Object section(FetchItem.Section s, ParsedMessage parsed, Octets content)
            throws UnknownEncodingException {
        if (s.kind() != FetchItem.Section.Kind.BODY && !s.part().isEmpty()) {
            return binary(s, parsed, content);
        }
        SectionContent located;
        if (s.wholeMessage()) {
            located = new SectionContent(true, List.of(new ByteRange(0, content.size())));
        } else {
            located = SectionLocator.locate(parsed, spec(s), (start, end) -> content.read(start, (int) (end - start)));
        }
        if (s.kind() == FetchItem.Section.Kind.BINARY_SIZE) {
            return located.length();
        }
        if (s.offset() >= 0) {
            located = located.partial(s.offset(), s.length());
        }
        return read(content, located);
    }

    /** BINARY[part] and BINARY.SIZE[part]: the part's body with its transfer encoding undone. */
    private static Object binary(FetchItem.Section s, ParsedMessage parsed, Octets content)
            throws UnknownEncodingException {
        Optional<BodyPart> found = SectionLocator.part(parsed, s.part());
        if (found.isEmpty()) {
            return null;
        }
        BodyPart part = found.get();
        byte[] encoded = content.read(part.bodyStart(), (int) (part.bodyEnd() - part.bodyStart()));
        byte[] decoded;
        if (part.multipart() || part.embedsMessage()) {
            decoded = encoded;
        } else {
            if (!PartDecoder.knownEncoding(part.encoding())) {
                throw new UnknownEncodingException();
            }
            try (InputStream in = PartDecoder.decode(new ByteArrayInputStream(encoded), part.encoding())) {
                decoded = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (s.kind() == FetchItem.Section.Kind.BINARY_SIZE) {
            return (long) decoded.length;
        }
        if (s.offset() >= 0) {
            int from = (int) Math.min(decoded.length, s.offset());
            int to = (int) Math.min(decoded.length, from + s.length());
            return java.util.Arrays.copyOfRange(decoded, from, to);
        }
        return decoded;
    }

    private static SectionSpec spec(FetchItem.Section s) {
        SectionSpec.Text text = s.text() == null ? SectionSpec.Text.NONE : switch (s.text()) {
            case "HEADER" -> SectionSpec.Text.HEADER;
            case "HEADER.FIELDS" -> SectionSpec.Text.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> SectionSpec.Text.HEADER_FIELDS_NOT;
            case "TEXT" -> SectionSpec.Text.TEXT;
            case "MIME" -> SectionSpec.Text.MIME;
            default -> throw new IllegalArgumentException("section text " + s.text());
        };
        return new SectionSpec(s.part(), text, s.fields());
    }

    private static byte[] read(Octets content, SectionContent located) {
        long total = located.length();
        byte[] out = new byte[Math.toIntExact(total)];
        int at = 0;
        for (ByteRange range : located.ranges()) {
            byte[] slice = content.read(range.start(), (int) range.length());
            System.arraycopy(slice, 0, out, at, slice.length);
            at += slice.length;
        }
        return out;
    }

    /** The octets sections are cut from: the stored message, or a header section read in advance. */
    private interface Octets {

        byte[] read(long offset, int length);

        long size();

        static Octets of(MessageContent content) {
            return new Octets() {
                @Override
                public byte[] read(long offset, int length) {
                    return content.read(offset, length);
                }

                @Override
                public long size() {
                    return content.size();
                }
            };
        }

        static Octets of(byte[] header) {
            return new Octets() {
                @Override
                public byte[] read(long offset, int length) {
                    if (offset + length > header.length) {
                        throw new IllegalStateException("outside the header section read in advance");
                    }
                    return java.util.Arrays.copyOfRange(header, (int) offset, (int) offset + length);
                }

                @Override
                public long size() {
                    return header.length;
                }
            };
        }
    }
}
