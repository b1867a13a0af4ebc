package org.mailplatform.store.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailplatform.store.MailStore;
import org.mailplatform.store.StoreTestDatabase;
import org.mailplatform.store.mailbox.Mailbox;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The word vector covers the start of the search text; SEARCH still finds words anywhere in it. */
class BodyStoreTest {

    private final MailStore store = StoreTestDatabase.store();
    private final JdbcClient jdbc = JdbcClient.create(StoreTestDatabase.dataSource());
    private final BodyStore bodies = new BodyStore(jdbc);

    private Mailbox inbox;

    @BeforeEach
    void account() {
        String domain = StoreTestDatabase.newDomain();
        inbox = store.mailboxes().inbox(StoreTestDatabase.newAccount(domain, "reader").id());
    }

    @Test
    void theVectorCoversTheTextsBeginningAndSearchTheWholeText() {
        String text = "openingword " + "filler ".repeat(BodyStore.MAX_VECTOR_TEXT / 7) + "closingword";
        assertThat(text.length()).isGreaterThan(BodyStore.MAX_VECTOR_TEXT);
        IncomingMessage message = new IncomingMessage("Subject: long\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII),
                Optional.empty(), Optional.empty(), Optional.of(text));

        long single = bodies.insert(message);
        long batched = bodies.insertAll(List.of(message))[0];

        for (long id : new long[] {single, batched}) {
            assertThat(jdbc.sql("SELECT search_vector @@ to_tsquery('simple', 'openingword') FROM message_bodies WHERE id = ?")
                    .param(id).query(Boolean.class).single()).isTrue();
            assertThat(jdbc.sql("SELECT search_vector @@ to_tsquery('simple', 'closingword') FROM message_bodies WHERE id = ?")
                    .param(id).query(Boolean.class).single()).isFalse();
            assertThat(jdbc.sql("SELECT length(search_text) FROM message_bodies WHERE id = ?")
                    .param(id).query(Integer.class).single()).isEqualTo(text.length());
        }
        store.messages().append(inbox.id(), message, MessageFlags.none(), Instant.now());
        assertThat(store.messages().searchText(inbox.id(), "closingword")).containsExactly(1L);
        assertThat(store.messages().searchBody(inbox.id(), "closingword")).containsExactly(1L);
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String text = "a".repeat(BodyStore.MAX_VECTOR_TEXT - 1) + "\uD83D\uDCE7" + "b";

        assertThat(BodyStore.prefix(text, BodyStore.MAX_VECTOR_TEXT)).hasSize(BodyStore.MAX_VECTOR_TEXT - 1);
        assertThat(BodyStore.prefix(text, BodyStore.MAX_VECTOR_TEXT + 1)).endsWith("\uD83D\uDCE7");
        assertThat(BodyStore.prefix("short", BodyStore.MAX_VECTOR_TEXT)).isEqualTo("short");
    }
}
