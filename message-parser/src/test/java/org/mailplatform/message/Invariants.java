package org.mailplatform.message;

import static org.assertj.core.api.Assertions.assertThat;

/** What holds for every parse result, whatever the input. */
final class Invariants {

    private Invariants() {
    }

    static void check(ParsedMessage message) {
        BodyPart root = message.body();
        assertThat(root.headerStart()).isZero();
        assertThat(root.bodyEnd()).isEqualTo(message.size());
        check(root);
    }

    private static void check(BodyPart part) {
        assertThat(part.headerStart()).isBetween(0L, part.bodyStart());
        assertThat(part.bodyStart()).isLessThanOrEqualTo(part.bodyEnd());
        assertThat(part.size()).isEqualTo(part.bodyEnd() - part.bodyStart());
        assertThat(part.lines()).isBetween(0L, Math.max(0, part.size()));
        if (part.type().equals("multipart")) {
            assertThat(part.parts()).isNotEmpty();
        }
        long previousEnd = part.bodyStart();
        for (BodyPart child : part.parts()) {
            assertThat(child.headerStart()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(child.bodyEnd()).isLessThanOrEqualTo(part.bodyEnd());
            previousEnd = child.bodyEnd();
            check(child);
        }
        if (part.message() != null) {
            assertThat(part.parts()).isEmpty();
            assertThat(part.message().body().headerStart()).isEqualTo(part.bodyStart());
            assertThat(part.message().body().bodyEnd()).isEqualTo(part.bodyEnd());
            check(part.message().body());
        }
    }
}
