package org.mailplatform.imap.sort;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapSyntaxException;

/** One {@code sort-criterion} of RFC 5256 5: a key, reversed when REVERSE precedes it. */
public record SortCriterion(SortKey key, boolean reverse) {

    /** The parenthesised criteria list of SORT; DISPLAYFROM/DISPLAYTO are SORT=DISPLAY (RFC 5957). */
    public static List<SortCriterion> parseList(ImapArgReader list) throws ImapSyntaxException {
        List<SortCriterion> criteria = new ArrayList<>();
        while (list.hasNext()) {
            boolean reverse = list.nextIfAtom("REVERSE");
            if (!list.hasNext()) {
                throw new ImapSyntaxException("REVERSE must be followed by a sort key");
            }
            String name = list.nextKeyword();
            SortKey key;
            try {
                key = SortKey.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new ImapSyntaxException("Unknown sort key " + (name.length() > 30 ? name.substring(0, 30) + "..." : name));
            }
            criteria.add(new SortCriterion(key, reverse));
        }
        if (criteria.isEmpty()) {
            throw new ImapSyntaxException("Missing sort criteria");
        }
        return criteria;
    }

    /**
     * The order of the criteria, each a tie-break for the ones before; messages equal on all of
     * them keep their order in the mailbox (RFC 5256 3), so a result is stable.
     */
    public static Comparator<SortableMessage> order(List<SortCriterion> criteria) {
        Comparator<SortableMessage> order = null;
        for (SortCriterion c : criteria) {
            Comparator<SortableMessage> next = c.reverse() ? c.key().order().reversed() : c.key().order();
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<SortableMessage> bySequence = Comparator.comparingInt(SortableMessage::sequence);
        return order == null ? bySequence : order.thenComparing(bySequence);
    }

    public static boolean needEnvelope(List<SortCriterion> criteria) {
        return criteria.stream().anyMatch(c -> c.key().needsEnvelope());
    }
}
