package org.mailplatform.imap.command;

import java.util.List;
import java.util.Set;

import org.mailplatform.imap.protocol.ImapArgReader;
import org.mailplatform.imap.protocol.ImapRequest;
import org.mailplatform.imap.protocol.ImapSyntaxException;
import org.mailplatform.imap.search.SearchEvaluator;
import org.mailplatform.imap.search.SearchKey;
import org.mailplatform.imap.search.SearchParser;
import org.mailplatform.imap.session.ImapSession;
import org.mailplatform.imap.session.SelectedMailbox;
import org.mailplatform.imap.session.SessionState;
import org.mailplatform.imap.sort.SortableMessage;
import org.mailplatform.imap.sort.SortableMessages;
import org.mailplatform.imap.sort.ThreadAlgorithm;
import org.mailplatform.imap.sort.ThreadNode;
import org.mailplatform.imap.sort.ThreadWriter;
import org.mailplatform.store.message.MessageSummary;

/** THREAD and UID THREAD (RFC 5256 4): {@code THREAD algorithm charset search-keys}. */
final class ThreadCommand implements ImapCommand {

    @Override
    public Set<String> names() {
        return Set.of("THREAD", "UID THREAD");
    }

    @Override
    public Set<SessionState> states() {
        return States.SELECTED;
    }

    @Override
    public Set<CommandFlag> flags(ImapRequest request) {
        return request.name().startsWith("UID ") ? Set.of() : Set.of(CommandFlag.USES_SEQUENCE_NUMBERS);
    }

    @Override
    public Completion execute(ImapRequest request, ImapSession session) throws ImapSyntaxException, ImapCommandException {
        boolean uidCommand = request.name().startsWith("UID ");
        ImapArgReader reader = request.reader();
        String name = reader.nextKeyword();
        ThreadAlgorithm algorithm;
        try {
            algorithm = ThreadAlgorithm.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new ImapSyntaxException("Unsupported threading algorithm");
        }
        SearchCharsets.check(reader.nextAstring());
        SearchKey key = SearchParser.parseAll(reader);
        SelectedMailbox selected = session.selected();
        var services = session.services();
        List<MessageSummary> found = new SearchEvaluator(services.messages(), services.structures()).search(selected, key);
        List<SortableMessage> messages = new SortableMessages(services.messages(), services.structures())
                .load(selected, found, true, algorithm.needsReferences());
        List<ThreadNode> threads = algorithm.threads(messages);

        var line = session.out().untagged().atom("THREAD");
        ThreadWriter.write(line, threads, m -> uidCommand ? m.uid() : m.sequence());
        line.end();
        return Completion.ok((uidCommand ? "UID " : "") + "THREAD completed");
    }
}
