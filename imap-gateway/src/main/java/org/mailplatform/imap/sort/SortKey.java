package org.mailplatform.imap.sort;

import java.util.Comparator;

/** A SORT criterion's key (RFC 5256 3; DISPLAYFROM and DISPLAYTO from RFC 5957 3). */
public enum SortKey {
    ARRIVAL(Comparator.comparing(SortableMessage::arrival), false),
    CC(Comparator.comparing(SortableMessage::cc, Collation::compare), true),
    DATE(Comparator.comparing(SortableMessage::sent), true),
    FROM(Comparator.comparing(SortableMessage::from, Collation::compare), true),
    SIZE(Comparator.comparingLong(SortableMessage::size), false),
    SUBJECT(Comparator.comparing(SortableMessage::subjectKey, Collation::compare), true),
    TO(Comparator.comparing(SortableMessage::to, Collation::compare), true),
    DISPLAYFROM(Comparator.comparing(SortableMessage::displayFrom, Collation::compare), true),
    DISPLAYTO(Comparator.comparing(SortableMessage::displayTo, Collation::compare), true);

    private final Comparator<SortableMessage> order;
    private final boolean needsEnvelope;

    SortKey(Comparator<SortableMessage> order, boolean needsEnvelope) {
        this.order = order;
        this.needsEnvelope = needsEnvelope;
    }

    Comparator<SortableMessage> order() {
        return order;
    }

    /** Whether the key reads the parsed header, not just what every summary holds. */
    public boolean needsEnvelope() {
        return needsEnvelope;
    }
}
