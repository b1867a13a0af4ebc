package org.mailplatform.imap.fetch;

import java.util.ArrayList;
import java.util.List;

import org.mailplatform.imap.protocol.CommandLimits;
import org.mailplatform.imap.protocol.ImapArg;
import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.protocol.SectionAttribute;

/** Reads the data items of a FETCH, a single one or a parenthesized list, and the macros ALL, FAST, FULL. */
public final class FetchItems {

    private FetchItems() {
    }

    public static List<FetchItem> parse(ImapArgReader reader) throws ImapSyntaxException {
        List<FetchItem> items = new ArrayList<>();
        if (reader.peekIsList()) {
            ImapArgReader list = reader.nextList();
            if (!list.hasNext()) {
                throw new ImapSyntaxException("No fetch items");
            }
            // Each item is produced for every message: their number is bounded (CommandLimits).
            if (list.remaining() > CommandLimits.MAX_FETCH_ITEMS) {
                throw CommandLimits.exceeded("Too many fetch items");
            }
            while (list.hasNext()) {
                items.add(item(list.nextAtom()));
            }
            return items;
        }
        if (!(reader.peek() instanceof ImapArg.Atom)) {
            throw new ImapSyntaxException("Expected fetch items");
        }
        String atom = reader.nextAtom();
        // RFC 9051 6.4.5 / RFC 3501 6.4.5: the macros.
        switch (atom.toUpperCase(java.util.Locale.ROOT)) {
            case "ALL" -> items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Size(),
                    new FetchItem.Envelope()));
            case "FAST" -> items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Size()));
            case "FULL" -> items.addAll(List.of(new FetchItem.Flags(), new FetchItem.InternalDate(), new FetchItem.Size(),
                    new FetchItem.Envelope(), new FetchItem.Structure(false)));
            default -> items.add(item(atom));
        }
        return items;
    }

    static FetchItem item(String atom) throws ImapSyntaxException {
        String upper = atom.toUpperCase(java.util.Locale.ROOT);
        switch (upper) {
            case "FLAGS":
                return new FetchItem.Flags();
            case "INTERNALDATE":
                return new FetchItem.InternalDate();
            case "RFC822.SIZE":
                return new FetchItem.Size();
            case "UID":
                return new FetchItem.Uid();
            case "MODSEQ":
                return new FetchItem.ModSeq();
            case "ENVELOPE":
                return new FetchItem.Envelope();
            case "BODYSTRUCTURE":
                return new FetchItem.Structure(true);
            case "BODY":
                return new FetchItem.Structure(false);
            case "RFC822":
                return new FetchItem.Section("RFC822", FetchItem.Section.Kind.BODY, List.of(), null, List.of(), true, -1, -1);
            case "RFC822.HEADER":
                return new FetchItem.Section("RFC822.HEADER", FetchItem.Section.Kind.BODY, List.of(), "HEADER", List.of(),
                        false, -1, -1);
            case "RFC822.TEXT":
                return new FetchItem.Section("RFC822.TEXT", FetchItem.Section.Kind.BODY, List.of(), "TEXT", List.of(),
                        true, -1, -1);
            default:
                break;
        }
        if (upper.indexOf('[') < 0) {
            throw new ImapSyntaxException("Unknown fetch item");
        }
        SectionAttribute section = SectionAttribute.parse(atom);
        FetchItem.Section.Kind kind = switch (section.name()) {
            case "BINARY", "BINARY.PEEK" -> FetchItem.Section.Kind.BINARY;
            case "BINARY.SIZE" -> FetchItem.Section.Kind.BINARY_SIZE;
            default -> FetchItem.Section.Kind.BODY;
        };
        boolean setsSeen = !section.peek() && kind != FetchItem.Section.Kind.BINARY_SIZE;
        return new FetchItem.Section(section.responseName(), kind, section.part(), section.text(), section.headerFields(),
                setsSeen, section.partialOffset(), section.partialLength());
    }
}
