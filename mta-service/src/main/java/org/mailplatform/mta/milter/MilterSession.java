package org.mailplatform.mta.milter;

import static org.mailplatform.mta.milter.MilterProtocol.*;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation with one milter about one message, in the order Postfix sends the steps:
 * option negotiation, connect, HELO, MAIL, each RCPT, DATA, each header, end of headers, body
 * chunks, end of message, quit. Every step happens after the whole message was received, so a
 * milter that refuses at an earlier step refuses the message as a whole.
 */
final class MilterSession {

    private static final Logger log = LoggerFactory.getLogger(MilterSession.class);

    /** How the milter answered a step before end of message. */
    private sealed interface Step {
        /** Go on to the next step. */
        record Next() implements Step {
        }

        /** No more body chunks (SMFIR_SKIP). */
        record SkipBody() implements Step {
        }

        /** The milter is done with this message: its verdict. */
        record Done(MilterVerdict verdict) implements Step {
        }
    }

    private static final Step NEXT = new Step.Next();

    /** The largest replacement body taken from a milter; a larger one is a broken or hostile milter. */
    static final int MAX_BODY = 64 * 1024 * 1024;

    private final MilterSettings settings;
    private final String hostname;
    private int protocol;

    MilterSession(MilterSettings settings, String hostname) {
        this.settings = settings;
        this.hostname = hostname;
    }

    /** @throws MilterException when the milter can't be reached, times out or breaks the protocol */
    MilterVerdict run(MilterRequest request) throws MilterException {
        try (MilterConnection c = MilterConnection.open(settings.name(), settings.address(), settings.connectTimeout())) {
            negotiate(c);
            MilterVerdict verdict = conversation(c, request);
            c.send(QUIT, new byte[0]);
            return verdict;
        }
    }

    /** Whether header values are sent with their leading space (SMFIP_HDR_LEADSPC), and edits come back so. */
    boolean leadingSpace() {
        return (protocol & HEADER_LEADING_SPACE) != 0;
    }

    private void negotiate(MilterConnection c) throws MilterException {
        ByteBuffer offer = ByteBuffer.allocate(12).putInt(VERSION).putInt(ALL_ACTIONS).putInt(OFFERED_PROTOCOL);
        c.send(OPTION_NEGOTIATION, offer.array());
        MilterConnection.Packet reply = c.read(settings.commandTimeout());
        if (reply.code() != OPTION_NEGOTIATION || reply.data().length < 12) {
            throw broken("expected option negotiation, got '" + (char) reply.code() + "'");
        }
        ByteBuffer answer = ByteBuffer.wrap(reply.data());
        int version = answer.getInt();
        answer.getInt();
        int wanted = answer.getInt();
        if (version < 2) {
            throw broken("protocol version " + version + " is too old");
        }
        if ((wanted & ~OFFERED_PROTOCOL) != 0) {
            throw broken("asks for protocol steps not offered: 0x" + Integer.toHexString(wanted & ~OFFERED_PROTOCOL));
        }
        protocol = wanted;
    }

    private MilterVerdict conversation(MilterConnection c, MilterRequest r) throws MilterException {
        Duration command = settings.commandTimeout();
        macros(c, CONNECT, "j", hostname, "{daemon_name}", hostname, "v", "mail-platform");
        if (!skips(NO_CONNECT) && step(c, CONNECT, connectData(r), NO_REPLY_CONNECT, command) instanceof Step.Done d) {
            return d.verdict();
        }
        if (r.helo() != null && !skips(NO_HELO)) {
            if (r.tlsVersion() != null) {
                macros(c, HELO, "{tls_version}", r.tlsVersion(), "{cipher}", r.tlsCipher());
            }
            if (step(c, HELO, MilterConnection.strings(bytes(r.helo())), NO_REPLY_HELO, command) instanceof Step.Done d) {
                return d.verdict();
            }
        }
        if (!skips(NO_MAIL)) {
            List<String> macros = new ArrayList<>(List.of("i", r.sessionId(), "{mail_addr}", bytes(r.mailFrom())));
            if (r.authenticatedUser() != null) {
                macros.addAll(List.of("{auth_authen}", bytes(r.authenticatedUser())));
            }
            macros(c, MAIL, macros.toArray(String[]::new));
            List<String> args = new ArrayList<>();
            args.add("<" + bytes(r.mailFrom()) + ">");
            r.mailArguments().forEach(a -> args.add(bytes(a)));
            if (step(c, MAIL, MilterConnection.strings(args.toArray(String[]::new)), NO_REPLY_MAIL, command)
                    instanceof Step.Done d) {
                return d.verdict();
            }
        }
        if (!skips(NO_RCPT)) {
            for (String rcpt : r.recipients()) {
                macros(c, RCPT, "{rcpt_addr}", bytes(rcpt));
                if (step(c, RCPT, MilterConnection.strings("<" + bytes(rcpt) + ">"), NO_REPLY_RCPT, command)
                        instanceof Step.Done d) {
                    return d.verdict();
                }
            }
        }
        if (!skips(NO_DATA) && step(c, DATA, new byte[0], NO_REPLY_DATA, command) instanceof Step.Done d) {
            return d.verdict();
        }
        MessageFields fields = MessageFields.parse(r.message());
        if (!skips(NO_HEADERS)) {
            for (MessageFields.Field f : fields.namedFields()) {
                String value = leadingSpace() ? f.value() : stripLeadingSpace(f.value());
                if (step(c, HEADER, MilterConnection.strings(f.name(), value), NO_REPLY_HEADER, command)
                        instanceof Step.Done d) {
                    return d.verdict();
                }
            }
        }
        if (!skips(NO_END_OF_HEADERS)
                && step(c, END_OF_HEADERS, new byte[0], NO_REPLY_END_OF_HEADERS, command) instanceof Step.Done d) {
            return d.verdict();
        }
        if (!skips(NO_BODY)) {
            byte[] body = fields.body();
            for (int off = 0; off < body.length; off += BODY_CHUNK) {
                byte[] chunk = new byte[Math.min(BODY_CHUNK, body.length - off)];
                System.arraycopy(body, off, chunk, 0, chunk.length);
                Step s = step(c, BODY, chunk, NO_REPLY_BODY, settings.contentTimeout());
                if (s instanceof Step.Done d) {
                    return d.verdict();
                }
                if (s instanceof Step.SkipBody) {
                    break;
                }
            }
        }
        return endOfMessage(c);
    }

    private boolean skips(int bit) {
        return (protocol & bit) != 0;
    }

    /** Sends one step and, unless the milter said it won't answer it, reads the answer. */
    private Step step(MilterConnection c, byte command, byte[] data, int noReplyBit, Duration timeout)
            throws MilterException {
        c.send(command, data);
        if ((protocol & noReplyBit) != 0) {
            return NEXT;
        }
        while (true) {
            MilterConnection.Packet reply = c.read(timeout);
            switch (reply.code()) {
                case CONTINUE:
                    return NEXT;
                case SKIP:
                    return command == BODY ? new Step.SkipBody() : NEXT;
                case PROGRESS:
                    continue;
                case ACCEPT:
                    return new Step.Done(new MilterVerdict.Pass(List.of(), null, true));
                default:
                    MilterVerdict refusal = refusal(reply);
                    if (refusal == null) {
                        throw broken("unexpected reply '" + (char) reply.code() + "' to '" + (char) command + "'");
                    }
                    return new Step.Done(refusal);
            }
        }
    }

    /** SMFIC_BODYEOB: the edits come first, then the verdict; progress reports keep the milter's turn. */
    private MilterVerdict endOfMessage(MilterConnection c) throws MilterException {
        c.send(END_OF_BODY, new byte[0]);
        List<HeaderEdit> edits = new ArrayList<>();
        String quarantine = null;
        ByteArrayOutputStream body = null;
        List<EnvelopeEdit> envelope = new ArrayList<>();
        while (true) {
            MilterConnection.Packet reply = c.read(settings.contentTimeout());
            byte[] data = reply.data();
            switch (reply.code()) {
                case ADD_HEADER -> edits.add(header(data, false, false));
                case INSERT_HEADER -> edits.add(header(data, true, false));
                case CHANGE_HEADER -> edits.add(header(data, true, true));
                case QUARANTINE -> quarantine = text(data).strip();
                case REPLACE_BODY -> {
                    // libmilter sends a long new body in several packets, which together replace the body.
                    if (body == null) {
                        body = new ByteArrayOutputStream();
                    }
                    if (body.size() + data.length > MAX_BODY) {
                        throw broken("replacement body larger than " + MAX_BODY + " bytes");
                    }
                    body.writeBytes(data);
                }
                case PROGRESS -> {
                }
                case ADD_RECIPIENT, ADD_RECIPIENT_WITH_ARGS -> envelope.add(new EnvelopeEdit.AddRecipient(address(data)));
                case DELETE_RECIPIENT -> envelope.add(new EnvelopeEdit.DeleteRecipient(address(data)));
                case CHANGE_SENDER -> envelope.add(new EnvelopeEdit.ChangeSender(address(data)));
                case CONTINUE, ACCEPT -> {
                    return new MilterVerdict.Pass(edits, quarantine, reply.code() == ACCEPT,
                            body == null ? null : body.toByteArray(), envelope);
                }
                default -> {
                    MilterVerdict refusal = refusal(reply);
                    if (refusal == null) {
                        throw broken("unexpected reply '" + (char) reply.code() + "' at end of message");
                    }
                    return refusal;
                }
            }
        }
    }

    private MilterVerdict refusal(MilterConnection.Packet reply) throws MilterException {
        return switch (reply.code()) {
            case REJECT -> MilterVerdict.rejected();
            case TEMPFAIL, SHUTDOWN, CONNECTION_FAIL -> MilterVerdict.temporarilyRefused();
            case DISCARD -> new MilterVerdict.Discard();
            case REPLY_CODE -> replyCode(text(reply.data()));
            default -> null;
        };
    }

    /** SMFIR_REPLYCODE: "550 5.7.1 text", possibly several lines "550-5.7.1 a\r\n550 5.7.1 b". */
    private MilterVerdict.Refuse replyCode(String text) throws MilterException {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].length() < 3) {
            throw broken("empty reply code");
        }
        int code;
        try {
            code = Integer.parseInt(lines[0].substring(0, 3));
        } catch (NumberFormatException e) {
            throw broken("reply code is not a number: " + lines[0]);
        }
        if (code < 400 || code > 599) {
            throw broken("reply code " + code + " is neither 4xx nor 5xx");
        }
        String enhanced = null;
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String rest = line.length() > 4 ? line.substring(4) : "";
            String[] words = rest.split(" ", 2);
            if (words[0].matches("[245]\\.\\d{1,3}\\.\\d{1,3}") && words[0].charAt(0) == lines[0].charAt(0)) {
                enhanced = words[0];
                rest = words.length > 1 ? words[1] : "";
            }
            out.add(printable(rest));
        }
        if (enhanced == null) {
            enhanced = code < 500 ? "4.7.1" : "5.7.1";
        }
        return new MilterVerdict.Refuse(code, enhanced, out);
    }

    private HeaderEdit header(byte[] data, boolean indexed, boolean change) throws MilterException {
        int index = 0;
        int offset = 0;
        if (indexed) {
            if (data.length < 4) {
                throw broken("header edit without index");
            }
            index = ByteBuffer.wrap(data).getInt();
            offset = 4;
        }
        String[] parts = text(data, offset).split("\0", -1);
        if (parts.length < 2) {
            throw broken("header edit without a value");
        }
        String name = parts[0];
        if (!MessageFields.validName(name)) {
            throw broken("header name not valid: " + printable(name));
        }
        String value = parts[1];
        if (change) {
            return new HeaderEdit.Change(index, name, value);
        }
        return indexed ? new HeaderEdit.Insert(index, name, value) : new HeaderEdit.Add(name, value);
    }

    /** An address packet: the address, then (SMFIR_ADDRCPT_PAR, SMFIR_CHGFROM) NUL and ESMTP arguments, ignored. */
    private String address(byte[] data) throws MilterException {
        String address = text(data).split("\0", -1)[0].strip();
        if (address.isEmpty() || address.length() > 512 || !printable(address).equals(address)) {
            throw broken("envelope address not valid: " + printable(address));
        }
        return address;
    }

    private void macros(MilterConnection c, byte forCommand, String... nameValues) throws MilterException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(forCommand);
        b.writeBytes(MilterConnection.strings(nameValues));
        c.send(MACRO, b.toByteArray());
    }

    /** SMFIC_CONNECT: host name, family, port, address. */
    private byte[] connectData(MilterRequest r) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MilterConnection.strings(r.clientName() == null ? "unknown" : r.clientName()));
        InetAddress address = r.client() == null ? null : r.client().getAddress();
        if (address == null) {
            b.write(FAMILY_UNKNOWN);
            return b.toByteArray();
        }
        b.write(address instanceof Inet6Address ? FAMILY_INET6 : FAMILY_INET);
        b.write((r.client().getPort() >> 8) & 0xff);
        b.write(r.client().getPort() & 0xff);
        b.writeBytes(MilterConnection.strings(address.getHostAddress()));
        return b.toByteArray();
    }

    private MilterException broken(String what) {
        return new MilterException("milter " + settings.name() + ": " + what);
    }

    /** A Java string as the byte string the protocol carries (UTF-8 octets, one char each). */
    private static String bytes(String unicode) {
        return new String(unicode.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] data) {
        return text(data, 0);
    }

    /** The data as a byte string, without the final NUL. */
    private static String text(byte[] data, int offset) {
        int end = data.length;
        if (end > offset && data[end - 1] == 0) {
            end--;
        }
        return new String(data, offset, end - offset, StandardCharsets.ISO_8859_1);
    }

    private static String stripLeadingSpace(String value) {
        int i = 0;
        while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
            i++;
        }
        return value.substring(i);
    }

    /** Reply text goes to the SMTP client: control characters are dropped. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
