package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.mailplatform.sieve.Script.AddressPart;
import org.mailplatform.sieve.Script.Command;
import org.mailplatform.sieve.Script.Match;
import org.mailplatform.sieve.Script.MatchType;
import org.mailplatform.sieve.Script.Relation;
import org.mailplatform.sieve.Script.Test;

/**
 * Checks the syntax tree against the commands, tests and extensions this implementation knows
 * and turns it into a {@link Script}: every problem a script can have before it meets a message is
 * found here, at upload, with its line number.
 */
final class Compiler {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> MODIFIERS = Set.of(":lower", ":upper", ":lowerfirst", ":upperfirst",
            ":quotewildcard", ":length");

    private final Set<String> required = new LinkedHashSet<>();

    static Script compile(List<Syntax.Command> commands) throws SieveSyntaxException {
        Compiler c = new Compiler();
        int i = 0;
        // RFC 5228 3.2: require is only allowed before any other command.
        while (i < commands.size() && commands.get(i).name().equals("require")) {
            c.require(commands.get(i));
            i++;
        }
        return new Script(c.block(commands.subList(i, commands.size())), c.required);
    }

    private void require(Syntax.Command cmd) throws SieveSyntaxException {
        Args a = new Args(cmd.name(), cmd.arguments(), cmd.line());
        List<String> names = a.strings("extension list");
        a.end();
        noTestsOrBlock(cmd);
        for (String name : names) {
            String ext = name.toLowerCase(Locale.ROOT);
            if (!SieveScripts.EXTENSIONS.contains(ext) && !ext.equals("comparator-i;octet")
                    && !ext.equals("comparator-i;ascii-casemap")) {
                throw new SieveSyntaxException(cmd.line(), "unsupported extension \"" + name + "\"");
            }
            required.add(ext);
        }
    }

    private List<Command> block(List<Syntax.Command> commands) throws SieveSyntaxException {
        List<Command> out = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            Syntax.Command cmd = commands.get(i);
            if (cmd.name().equals("if")) {
                List<Test> conditions = new ArrayList<>();
                List<List<Command>> blocks = new ArrayList<>();
                conditions.add(condition(cmd));
                blocks.add(body(cmd));
                List<Command> otherwise = List.of();
                while (i + 1 < commands.size() && commands.get(i + 1).name().equals("elsif")) {
                    Syntax.Command elsif = commands.get(++i);
                    conditions.add(condition(elsif));
                    blocks.add(body(elsif));
                }
                if (i + 1 < commands.size() && commands.get(i + 1).name().equals("else")) {
                    Syntax.Command otherwiseCmd = commands.get(++i);
                    new Args("else", otherwiseCmd.arguments(), otherwiseCmd.line()).end();
                    if (!otherwiseCmd.tests().isEmpty()) {
                        throw new SieveSyntaxException(otherwiseCmd.line(), "else takes no test");
                    }
                    otherwise = body(otherwiseCmd);
                }
                out.add(new Script.If(conditions, blocks, otherwise, cmd.line()));
            } else {
                out.add(command(cmd));
            }
        }
        return out;
    }

    private Test condition(Syntax.Command cmd) throws SieveSyntaxException {
        new Args(cmd.name(), cmd.arguments(), cmd.line()).end();
        if (cmd.tests().size() != 1) {
            throw new SieveSyntaxException(cmd.line(), cmd.name() + " takes exactly one test");
        }
        return test(cmd.tests().getFirst());
    }

    private List<Command> body(Syntax.Command cmd) throws SieveSyntaxException {
        if (cmd.block() == null) {
            throw new SieveSyntaxException(cmd.line(), cmd.name() + " needs a block in braces");
        }
        return block(cmd.block());
    }

    private Command command(Syntax.Command cmd) throws SieveSyntaxException {
        if (cmd.name().equals("elsif") || cmd.name().equals("else")) {
            throw new SieveSyntaxException(cmd.line(), cmd.name() + " without a preceding if");
        }
        noTestsOrBlock(cmd);
        Args a = new Args(cmd.name(), cmd.arguments(), cmd.line());
        int line = cmd.line();
        Command result = switch (cmd.name()) {
            case "require" -> throw new SieveSyntaxException(line, "require must come before any other command");
            case "stop" -> new Script.Stop(line);
            case "keep" -> {
                List<String> flags = null;
                while (a.hasTag()) {
                    String tag = a.tag();
                    if (tag.equals(":flags")) {
                        need("imap4flags", tag, line);
                        flags = a.strings("flag list");
                    } else {
                        throw a.unknown(tag);
                    }
                }
                yield new Script.Keep(flags, line);
            }
            case "discard" -> new Script.Discard(line);
            case "fileinto" -> {
                need("fileinto", "fileinto", line);
                List<String> flags = null;
                boolean copy = false;
                boolean create = false;
                while (a.hasTag()) {
                    String tag = a.tag();
                    switch (tag) {
                        case ":flags" -> {
                            need("imap4flags", tag, line);
                            flags = a.strings("flag list");
                        }
                        case ":copy" -> {
                            need("copy", tag, line);
                            copy = true;
                        }
                        case ":create" -> {
                            need("mailbox", tag, line);
                            create = true;
                        }
                        default -> throw a.unknown(tag);
                    }
                }
                yield new Script.FileInto(a.string("mailbox name"), flags, copy, create, line);
            }
            case "redirect" -> {
                boolean copy = false;
                while (a.hasTag()) {
                    String tag = a.tag();
                    if (tag.equals(":copy")) {
                        need("copy", tag, line);
                        copy = true;
                    } else {
                        throw a.unknown(tag);
                    }
                }
                String address = a.string("address");
                if (!address.contains("${") && !Addresses.isMailbox(address)) {
                    throw new SieveSyntaxException(line, "redirect needs an address local@domain, not \"" + address + "\"");
                }
                yield new Script.Redirect(address, copy, line);
            }
            case "reject", "ereject" -> {
                need(cmd.name(), cmd.name(), line);
                yield new Script.Reject(a.string("reason"), cmd.name().equals("ereject"), line);
            }
            case "setflag", "addflag", "removeflag" -> {
                need("imap4flags", cmd.name(), line);
                List<String> first = a.strings("flag list");
                String variable = null;
                List<String> flags = first;
                if (a.hasMore()) {
                    need("variables", "the variable name of " + cmd.name(), line);
                    if (first.size() != 1) {
                        throw new SieveSyntaxException(line, cmd.name() + ": the variable name must be one string");
                    }
                    variable = variableName(first.getFirst(), line);
                    flags = a.strings("flag list");
                }
                Script.FlagAction action = switch (cmd.name()) {
                    case "setflag" -> Script.FlagAction.SET;
                    case "addflag" -> Script.FlagAction.ADD;
                    default -> Script.FlagAction.REMOVE;
                };
                yield new Script.Flags(action, variable, flags, line);
            }
            case "set" -> {
                need("variables", "set", line);
                List<String> modifiers = new ArrayList<>();
                while (a.hasTag()) {
                    String tag = a.tag();
                    if (!MODIFIERS.contains(tag)) {
                        throw a.unknown(tag);
                    }
                    modifiers.add(tag);
                }
                // RFC 5229 4.1: modifiers apply by precedence, :lower/:upper first, :length last.
                modifiers.sort(java.util.Comparator.comparingInt(Compiler::precedence).reversed());
                String name = variableName(a.string("variable name"), line);
                yield new Script.SetVariable(name, a.string("value"), List.copyOf(modifiers), line);
            }
            case "vacation" -> vacation(a, line);
            default -> throw new SieveSyntaxException(line, "unknown command " + cmd.name());
        };
        a.end();
        return result;
    }

    private Command vacation(Args a, int line) throws SieveSyntaxException {
        need("vacation", "vacation", line);
        Long period = null;
        String subject = null;
        String from = null;
        List<String> addresses = List.of();
        boolean mime = false;
        String handle = null;
        while (a.hasTag()) {
            String tag = a.tag();
            switch (tag) {
                case ":days" -> period = a.number(":days") * 86_400L;
                case ":seconds" -> {
                    need("vacation-seconds", tag, line);
                    period = a.number(":seconds");
                }
                case ":subject" -> subject = a.string(":subject");
                case ":from" -> from = a.string(":from");
                case ":addresses" -> addresses = a.strings(":addresses");
                case ":mime" -> mime = true;
                case ":handle" -> handle = a.string(":handle");
                default -> throw a.unknown(tag);
            }
        }
        return new Script.Vacation(period, subject, from, addresses, mime, handle, a.string("reason"), line);
    }

    private Test test(Syntax.Test t) throws SieveSyntaxException {
        Args a = new Args(t.name(), t.arguments(), t.line());
        int line = t.line();
        Test result = switch (t.name()) {
            case "true", "false" -> {
                noTests(t);
                yield new Script.Constant(t.name().equals("true"));
            }
            case "not" -> {
                if (t.tests().size() != 1) {
                    throw new SieveSyntaxException(line, "not takes exactly one test");
                }
                yield new Script.Not(test(t.tests().getFirst()));
            }
            case "allof", "anyof" -> {
                if (t.tests().isEmpty()) {
                    throw new SieveSyntaxException(line, t.name() + " needs a test list in parentheses");
                }
                List<Test> tests = new ArrayList<>();
                for (Syntax.Test inner : t.tests()) {
                    tests.add(test(inner));
                }
                yield t.name().equals("allof") ? new Script.AllOf(tests) : new Script.AnyOf(tests);
            }
            case "exists" -> {
                noTests(t);
                yield new Script.Exists(a.strings("header names"));
            }
            case "size" -> {
                noTests(t);
                Boolean over = null;
                while (a.hasTag()) {
                    String tag = a.tag();
                    if (over != null || !(tag.equals(":over") || tag.equals(":under"))) {
                        throw a.unknown(tag);
                    }
                    over = tag.equals(":over");
                }
                if (over == null) {
                    throw new SieveSyntaxException(line, "size needs :over or :under");
                }
                yield new Script.Size(over, a.number("size"));
            }
            case "header", "address", "envelope", "string", "hasflag", "body", "spamtest" -> matching(t, a);
            default -> throw new SieveSyntaxException(line, "unknown test " + t.name());
        };
        a.end();
        return result;
    }

    private Test matching(Syntax.Test t, Args a) throws SieveSyntaxException {
        noTests(t);
        int line = t.line();
        String name = t.name();
        switch (name) {
            case "envelope", "body", "spamtest" -> need(name, name, line);
            case "string" -> need("variables", name, line);
            case "hasflag" -> need("imap4flags", name, line);
            default -> { }
        }
        MatchType type = null;
        Relation relation = null;
        Comparator comparator = null;
        AddressPart part = null;
        boolean raw = false;
        boolean percent = false;
        while (a.hasTag()) {
            String tag = a.tag();
            switch (tag) {
                case ":is", ":contains", ":matches", ":count", ":value" -> {
                    if (type != null) {
                        throw new SieveSyntaxException(line, "more than one match type");
                    }
                    type = MatchType.valueOf(tag.substring(1).toUpperCase(Locale.ROOT));
                    if (type == MatchType.COUNT || type == MatchType.VALUE) {
                        need("relational", tag, line);
                        String op = a.string(tag + " relation");
                        try {
                            relation = Relation.valueOf(op.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new SieveSyntaxException(line, "unknown relation \"" + op + "\" (gt, ge, lt, le, eq, ne)");
                        }
                    }
                }
                case ":comparator" -> {
                    if (comparator != null) {
                        throw new SieveSyntaxException(line, "more than one comparator");
                    }
                    String label = a.string("comparator name");
                    comparator = Comparator.of(label);
                    if (comparator == null) {
                        throw new SieveSyntaxException(line, "unknown comparator \"" + label + "\"");
                    }
                    if (comparator == Comparator.ASCII_NUMERIC) {
                        need("comparator-i;ascii-numeric", "comparator i;ascii-numeric", line);
                    }
                }
                case ":all", ":localpart", ":domain" -> {
                    if (!name.equals("address") && !name.equals("envelope") || part != null) {
                        throw a.unknown(tag);
                    }
                    part = AddressPart.valueOf(tag.substring(1).toUpperCase(Locale.ROOT));
                }
                case ":raw", ":text" -> {
                    if (!name.equals("body")) {
                        throw a.unknown(tag);
                    }
                    raw = tag.equals(":raw");
                }
                case ":percent" -> {
                    if (!name.equals("spamtest")) {
                        throw a.unknown(tag);
                    }
                    need("spamtestplus", tag, line);
                    percent = true;
                }
                default -> throw a.unknown(tag);
            }
        }
        type = type == null ? MatchType.IS : type;
        comparator = comparator == null ? Comparator.ASCII_CASEMAP : comparator;
        if (!comparator.substrings() && (type == MatchType.CONTAINS || type == MatchType.MATCHES)) {
            throw new SieveSyntaxException(line, "comparator i;ascii-numeric cannot be used with :" 
                    + type.name().toLowerCase(Locale.ROOT));
        }
        Match match = new Match(type, relation, comparator);
        part = part == null ? AddressPart.ALL : part;
        return switch (name) {
            case "header" -> new Script.Header(match, a.strings("header names"), a.strings("key list"));
            case "address" -> new Script.Address(match, part, a.strings("header names"), a.strings("key list"));
            case "envelope" -> {
                List<String> parts = a.strings("envelope parts");
                for (String p : parts) {
                    if (!p.equalsIgnoreCase("from") && !p.equalsIgnoreCase("to") && !p.equalsIgnoreCase("auth")) {
                        throw new SieveSyntaxException(line, "envelope part \"" + p + "\" is not supported (from, to, auth)");
                    }
                }
                yield new Script.Envelope(match, part, parts, a.strings("key list"));
            }
            case "body" -> new Script.Body(match, raw, a.strings("key list"));
            case "string" -> new Script.StringTest(match, a.strings("source list"), a.strings("key list"));
            case "hasflag" -> {
                List<String> first = a.strings("flag list");
                if (a.hasMore()) {
                    List<String> variables = new ArrayList<>();
                    for (String v : first) {
                        variables.add(variableName(v, line));
                    }
                    yield new Script.HasFlag(match, variables, a.strings("flag list"));
                }
                yield new Script.HasFlag(match, List.of(), first);
            }
            default -> new Script.SpamTest(match, percent, a.string("value"));
        };
    }

    private void need(String extension, String what, int line) throws SieveSyntaxException {
        boolean ok = required.contains(extension)
                || (extension.equals("spamtest") && required.contains("spamtestplus"))
                || (extension.equals("vacation") && required.contains("vacation-seconds"));
        if (!ok) {
            throw new SieveSyntaxException(line, what + " needs require \"" + extension + "\"");
        }
    }

    private static String variableName(String name, int line) throws SieveSyntaxException {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new SieveSyntaxException(line, "\"" + name + "\" is not a variable name");
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private static int precedence(String modifier) {
        return switch (modifier) {
            case ":lower", ":upper" -> 40;
            case ":lowerfirst", ":upperfirst" -> 30;
            case ":quotewildcard" -> 20;
            default -> 10;
        };
    }

    private static void noTestsOrBlock(Syntax.Command cmd) throws SieveSyntaxException {
        if (!cmd.tests().isEmpty()) {
            throw new SieveSyntaxException(cmd.line(), cmd.name() + " takes no test");
        }
        if (cmd.block() != null) {
            throw new SieveSyntaxException(cmd.line(), cmd.name() + " takes no block; end it with ';'");
        }
    }

    private static void noTests(Syntax.Test t) throws SieveSyntaxException {
        if (!t.tests().isEmpty()) {
            throw new SieveSyntaxException(t.line(), t.name() + " takes no test");
        }
    }

    /** Reads the arguments of one command or test: tags first, then positional arguments. */
    private static final class Args {
        private final String owner;
        private final List<Syntax.Argument> args;
        private final int line;
        private final Set<String> seenTags = new HashSet<>();
        private int p;

        Args(String owner, List<Syntax.Argument> args, int line) {
            this.owner = owner;
            this.args = args;
            this.line = line;
        }

        boolean hasTag() {
            return p < args.size() && args.get(p) instanceof Syntax.Tag;
        }

        boolean hasMore() {
            return p < args.size();
        }

        String tag() throws SieveSyntaxException {
            String tag = ((Syntax.Tag) args.get(p++)).name();
            if (!seenTags.add(tag)) {
                throw new SieveSyntaxException(line, owner + ": " + tag + " given twice");
            }
            return tag;
        }

        SieveSyntaxException unknown(String tag) {
            return new SieveSyntaxException(line, owner + " does not take " + tag);
        }

        List<String> strings(String what) throws SieveSyntaxException {
            if (p < args.size() && args.get(p) instanceof Syntax.Strings s) {
                p++;
                return s.values();
            }
            throw missing(what);
        }

        String string(String what) throws SieveSyntaxException {
            if (p < args.size() && args.get(p) instanceof Syntax.Strings s && !s.list()) {
                p++;
                return s.values().getFirst();
            }
            throw missing("a string (" + what + ")");
        }

        long number(String what) throws SieveSyntaxException {
            if (p < args.size() && args.get(p) instanceof Syntax.Number n) {
                p++;
                return n.value();
            }
            throw missing("a number (" + what + ")");
        }

        void end() throws SieveSyntaxException {
            if (p < args.size()) {
                Syntax.Argument extra = args.get(p);
                String shown = switch (extra) {
                    case Syntax.Tag t -> "tag " + t.name();
                    case Syntax.Number n -> "number " + n.value();
                    case Syntax.Strings s -> s.list() ? "a string list" : "a string";
                };
                throw new SieveSyntaxException(extra.line(), owner + ": unexpected " + shown);
            }
        }

        private SieveSyntaxException missing(String what) {
            String found = p < args.size() ? "something else" : "nothing";
            return new SieveSyntaxException(line, owner + " expects " + what + ", found " + found);
        }
    }
}
