package org.mailplatform.imap.response;

import java.util.List;
import java.util.Locale;

import org.mailplatform.imap.protocol.ImapResponseWriter;
import org.mailplatform.message.BodyPart;
import org.mailplatform.message.Disposition;
import org.mailplatform.message.Parameter;

/**
 * BODY and BODYSTRUCTURE (RFC 9051 7.5.2, RFC 3501 7.4.2): {@code body-type-mpart} with its parts
 * side by side, {@code body-type-msg} with the embedded envelope and structure, {@code body-type-text}
 * with its line count, {@code body-type-basic} otherwise; BODYSTRUCTURE adds the extension data.
 */
public final class BodyStructureWriter {

    private BodyStructureWriter() {
    }

    public static void write(ImapResponseWriter.Line line, BodyPart part, boolean extensions) {
        if (part.multipart()) {
            line.openList();
            boolean first = true;
            for (BodyPart child : part.parts()) {
                if (!first) {
                    line.adjacent();
                }
                first = false;
                write(line, child, extensions);
            }
            line.string(upper(part.subtype()));
            if (extensions) {
                parameters(line, part.parameters());
                disposition(line, part.disposition());
                language(line, part.language());
                line.nstring(part.location());
            }
            line.closeList();
            return;
        }
        line.openList()
                .string(upper(part.type()))
                .string(upper(part.subtype()));
        parameters(line, part.parameters());
        line.nstring(part.id())
                .nstring(part.description())
                .string(upper(part.encoding()))
                .number(part.size());
        if (part.embedsMessage()) {
            EnvelopeWriter.write(line, part.message().envelope());
            write(line, part.message().body(), extensions);
            line.number(part.lines());
        } else if (part.type().equalsIgnoreCase("text")) {
            line.number(part.lines());
        }
        if (extensions) {
            line.nstring(part.md5());
            disposition(line, part.disposition());
            language(line, part.language());
            line.nstring(part.location());
        }
        line.closeList();
    }

    private static void parameters(ImapResponseWriter.Line line, List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            line.nil();
            return;
        }
        line.openList();
        for (Parameter p : parameters) {
            line.string(upper(p.name())).string(p.value());
        }
        line.closeList();
    }

    private static void disposition(ImapResponseWriter.Line line, Disposition disposition) {
        if (disposition == null) {
            line.nil();
            return;
        }
        line.openList().string(upper(disposition.type()));
        parameters(line, disposition.parameters());
        line.closeList();
    }

    private static void language(ImapResponseWriter.Line line, List<String> language) {
        if (language.isEmpty()) {
            line.nil();
        } else if (language.size() == 1) {
            line.string(language.getFirst());
        } else {
            line.openList();
            language.forEach(line::string);
            line.closeList();
        }
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
