package org.mailplatform.sieve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mailplatform.sieve.Script.Command;
import org.mailplatform.sieve.Script.Match;
import org.mailplatform.sieve.Script.MatchType;
import org.mailplatform.sieve.Script.Test;

/**
 * Runs a {@link Script} against one message. Pure: no I/O, the result depends only on the script
 * and the input. Bounded by {@link SieveLimits}: steps, time, actions, redirects and variable sizes;
 * a run that breaks a bound or an RFC rule ends in a runtime error and the implicit keep.
 */
final class Interpreter {

    private static final long DEFAULT_VACATION_SECONDS = 7 * 86_400L;
    // RFC 5230 4.1: sites define a minimum of at least 1 day and may cap the period.
    private static final long MIN_VACATION_SECONDS = 86_400L;
    private static final long MAX_VACATION_SECONDS = 90 * 86_400L;

    private final Script script;
    private final SieveInput input;
    private final SieveLimits limits;
    private final long deadline;
    private final boolean variablesOn;
    private final Map<String, String> variables = new HashMap<>();
    private List<String> matchVariables = List.of();
    private final List<String> internalFlags = new ArrayList<>();
    private final List<SieveAction> actions = new ArrayList<>();
    private boolean implicitKeep = true;
    private boolean kept;
    private long steps;
    private int calls;
    private int redirects;

    /** Ends the run: RFC 5228 2.10.6 runtime errors. */
    private static final class RunError extends RuntimeException {
        RunError(String message) {
            super(message, null, false, false);
        }
    }

    private static final class StopSignal extends RuntimeException {
        StopSignal() {
            super(null, null, false, false);
        }
    }

    private Interpreter(Script script, SieveInput input, SieveLimits limits) {
        this.script = script;
        this.input = input;
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.maxRunTime().toNanos();
        this.variablesOn = script.variables();
    }

    static SieveResult run(Script script, SieveInput input, SieveLimits limits) {
        Interpreter run = new Interpreter(script, input, limits);
        try {
            try {
                run.block(script.commands());
            } catch (StopSignal stop) {
                // RFC 5228 3.3: stop ends the script; the implicit keep still applies.
            }
            return new SieveResult(run.finish(), java.util.Optional.empty());
        } catch (RunError e) {
            return SieveResult.failed(e.getMessage());
        } catch (StackOverflowError e) {
            return SieveResult.failed("script too deeply nested");
        } catch (RuntimeException e) {
            return SieveResult.failed("internal error: " + e);
        }
    }

    private List<SieveAction> finish() {
        boolean rejected = actions.stream().anyMatch(a -> a instanceof SieveAction.Reject);
        boolean vacation = actions.stream().anyMatch(a -> a instanceof SieveAction.Vacation);
        if (rejected && (kept || vacation || actions.stream().anyMatch(a -> a instanceof SieveAction.FileInto))) {
            // RFC 5429 2.1 / 2.2: reject cannot be combined with keep, fileinto or vacation.
            throw new RunError("reject cannot be combined with keep, fileinto or vacation");
        }
        List<SieveAction> out = new ArrayList<>(actions);
        if (implicitKeep) {
            out.add(new SieveAction.Keep(List.copyOf(internalFlags), true));
        }
        return out;
    }

    // --- commands -------------------------------------------------------------------------

    private void block(List<Command> commands) {
        for (Command c : commands) {
            step(1);
            execute(c);
        }
    }

    private void execute(Command c) {
        switch (c) {
            case Script.If i -> {
                for (int b = 0; b < i.conditions().size(); b++) {
                    if (test(i.conditions().get(b))) {
                        block(i.blocks().get(b));
                        return;
                    }
                }
                block(i.otherwise());
            }
            case Script.Stop s -> throw new StopSignal();
            case Script.Keep k -> {
                List<String> flags = k.flags() == null ? List.copyOf(internalFlags) : flagList(expand(k.flags()));
                implicitKeep = false;
                if (!kept) {
                    kept = true;
                    act(new SieveAction.Keep(flags, false));
                }
            }
            case Script.Discard d -> {
                implicitKeep = false;
                if (actions.stream().noneMatch(a -> a instanceof SieveAction.Discard)) {
                    act(new SieveAction.Discard());
                }
            }
            case Script.FileInto f -> {
                String mailbox = expand(f.mailbox());
                if (mailbox.isEmpty() || mailbox.length() > 1024 || mailbox.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                    throw new RunError("line " + f.line() + ": fileinto: \"" + mailbox + "\" is not a mailbox name");
                }
                List<String> flags = f.flags() == null ? List.copyOf(internalFlags) : flagList(expand(f.flags()));
                if (!f.copy()) {
                    implicitKeep = false;
                }
                // RFC 5228 4.1: filing into the same mailbox twice makes one copy.
                boolean again = actions.stream().anyMatch(a -> a instanceof SieveAction.FileInto g
                        && g.mailbox().equals(mailbox));
                if (!again) {
                    act(new SieveAction.FileInto(mailbox, flags, f.create()));
                }
            }
            case Script.Redirect r -> {
                String address = expand(r.address());
                if (!Addresses.isMailbox(address)) {
                    throw new RunError("line " + r.line() + ": redirect: \"" + address + "\" is not an address");
                }
                if (!r.copy()) {
                    implicitKeep = false;
                }
                // RFC 5228 4.2: the same address twice is one redirect.
                boolean again = actions.stream().anyMatch(a -> a instanceof SieveAction.Redirect g
                        && g.address().equalsIgnoreCase(address));
                if (!again) {
                    if (++redirects > limits.maxRedirects()) {
                        throw new RunError("line " + r.line() + ": more than " + limits.maxRedirects() + " redirects");
                    }
                    act(new SieveAction.Redirect(address));
                }
            }
            case Script.Reject r -> {
                if (actions.stream().anyMatch(a -> a instanceof SieveAction.Reject)) {
                    throw new RunError("line " + r.line() + ": a second reject");
                }
                implicitKeep = false;
                act(new SieveAction.Reject(expand(r.reason()), r.extended()));
            }
            case Script.Flags f -> flags(f);
            case Script.SetVariable s -> setVariable(s.name(), modify(expand(s.value()), s.modifiers()));
            case Script.Vacation v -> vacation(v);
        }
    }

    private void act(SieveAction action) {
        if (actions.size() >= limits.maxActions()) {
            throw new RunError("more than " + limits.maxActions() + " actions");
        }
        actions.add(action);
    }

    private void flags(Script.Flags f) {
        List<String> target = f.variable() == null ? internalFlags : new ArrayList<>(flagList(List.of(
                variables.getOrDefault(f.variable(), ""))));
        List<String> given = flagList(expand(f.flags()));
        switch (f.action()) {
            case SET -> {
                target.clear();
                target.addAll(given);
            }
            case ADD -> {
                for (String flag : given) {
                    if (target.stream().noneMatch(t -> t.equalsIgnoreCase(flag))) {
                        target.add(flag);
                    }
                }
            }
            case REMOVE -> target.removeIf(t -> given.stream().anyMatch(g -> g.equalsIgnoreCase(t)));
        }
        if (f.variable() != null) {
            setVariable(f.variable(), String.join(" ", target));
        }
    }

    /** RFC 5232 3: each string holds space-separated flags; duplicates count once. */
    private List<String> flagList(List<String> strings) {
        List<String> out = new ArrayList<>();
        for (String s : strings) {
            for (String flag : s.split("[ \t\r\n]+")) {
                if (!flag.isEmpty() && out.stream().noneMatch(t -> t.equalsIgnoreCase(flag))) {
                    out.add(flag);
                    step(1);
                }
            }
        }
        return out;
    }

    private void vacation(Script.Vacation v) {
        if (actions.stream().anyMatch(a -> a instanceof SieveAction.Vacation)) {
            throw new RunError("line " + v.line() + ": a second vacation");
        }
        long seconds = v.period() == null ? DEFAULT_VACATION_SECONDS : v.period();
        // RFC 6131 2: with vacation-seconds a period under a day (even 0) is the user's choice.
        long min = script.required().contains("vacation-seconds") ? 0 : MIN_VACATION_SECONDS;
        seconds = Math.clamp(seconds, min, MAX_VACATION_SECONDS);
        String reason = expand(v.reason());
        String subject = v.subject() == null ? null : expand(v.subject());
        String from = v.from() == null ? null : expand(v.from());
        String handle = v.handle() != null ? expand(v.handle())
                // RFC 5230 4.2: without :handle, replies that differ in reason, subject, from or mime are different.
                : "auto:" + digest(reason + "\u0000" + subject + "\u0000" + from + "\u0000" + v.mime());
        act(new SieveAction.Vacation(reason, subject, from, expand(v.addresses()), v.mime(), handle,
                Duration.ofSeconds(seconds)));
    }

    // --- tests ----------------------------------------------------------------------------

    private boolean test(Test t) {
        step(1);
        return switch (t) {
            case Script.Constant c -> c.value();
            case Script.Not n -> !test(n.test());
            case Script.AllOf a -> {
                for (Test inner : a.tests()) {
                    if (!test(inner)) {
                        yield false;
                    }
                }
                yield true;
            }
            case Script.AnyOf a -> {
                for (Test inner : a.tests()) {
                    if (test(inner)) {
                        yield true;
                    }
                }
                yield false;
            }
            case Script.Exists e -> expand(e.names()).stream().allMatch(n -> input.message().has(n));
            case Script.Size s -> s.over() ? input.message().size() > s.limit() : input.message().size() < s.limit();
            case Script.Header h -> {
                List<String> values = new ArrayList<>();
                for (String name : expand(h.names())) {
                    values.addAll(input.message().header(name));
                }
                yield matches(h.match(), values, expand(h.keys()));
            }
            case Script.Address a -> {
                List<String> values = new ArrayList<>();
                for (String name : expand(a.names())) {
                    for (String field : input.message().rawHeader(name)) {
                        for (String address : Addresses.parse(field)) {
                            values.add(part(address, a.part()));
                        }
                    }
                }
                yield matches(a.match(), values, expand(a.keys()));
            }
            case Script.Envelope e -> {
                List<String> values = new ArrayList<>();
                for (String name : expand(e.parts())) {
                    if (name.equalsIgnoreCase("auth")) {
                        // The submitter's identity, as Pigeonhole has it; nothing when the message was not submitted.
                        if (input.envelopeAuth() != null) {
                            values.add(part(input.envelopeAuth(), e.part()));
                        }
                        continue;
                    }
                    String address = name.equalsIgnoreCase("from") ? input.envelopeFrom() : input.envelopeTo();
                    // RFC 5228 5.4: the null reverse-path is the empty string, whatever the part.
                    values.add(address.isEmpty() ? "" : part(address, e.part()));
                }
                yield matches(e.match(), values, expand(e.keys()));
            }
            case Script.Body b -> {
                String body = b.raw() ? input.message().rawBody() : input.message().bodyText();
                step(body.length() / 256);
                yield matches(b.match(), List.of(body), expand(b.keys()), false);
            }
            case Script.StringTest s -> {
                List<String> sources = expand(s.sources());
                if (s.match().type() == MatchType.COUNT) {
                    // RFC 5229 5: :count counts the non-empty strings.
                    sources = sources.stream().filter(x -> !x.isEmpty()).toList();
                }
                yield matches(s.match(), sources, expand(s.keys()));
            }
            case Script.HasFlag h -> {
                List<String> flags;
                if (h.variables().isEmpty()) {
                    flags = List.copyOf(internalFlags);
                } else {
                    List<String> values = new ArrayList<>();
                    for (String v : h.variables()) {
                        values.add(variables.getOrDefault(v, ""));
                    }
                    flags = flagList(values);
                }
                yield matches(h.match(), flags, expand(h.keys()));
            }
            case Script.SpamTest s -> {
                String value = s.percent() ? String.valueOf(spamPercent()) : String.valueOf(input.spamScore());
                yield matches(s.match(), List.of(value), List.of(expand(s.key())));
            }
        };
    }

    private int spamPercent() {
        // RFC 5235 3.2: with :percent, 0 means clear; not tested has no percentage and reads as 0.
        return input.spamScore() <= 1 ? 0 : (input.spamScore() - 1) * 100 / 9;
    }

    private String part(String address, Script.AddressPart part) {
        return switch (part) {
            case ALL -> address;
            case LOCALPART -> Addresses.localPart(address);
            case DOMAIN -> Addresses.domain(address);
        };
    }

    private boolean matches(Match m, List<String> values, List<String> keys) {
        return matches(m, values, keys, true);
    }

    private boolean matches(Match m, List<String> values, List<String> keys, boolean chargeValues) {
        Comparator cmp = m.comparator();
        if (m.type() == MatchType.COUNT) {
            String count = String.valueOf(values.size());
            for (String key : keys) {
                step(1);
                if (relation(m.relation(), cmp.compare(count, key))) {
                    return true;
                }
            }
            return false;
        }
        for (String value : values) {
            for (String key : keys) {
                step(chargeValues ? 1 + value.length() / 256 : 1);
                switch (m.type()) {
                    case IS -> {
                        if (cmp.equal(value, key)) {
                            return true;
                        }
                    }
                    case CONTAINS -> {
                        if (cmp.fold(value).contains(cmp.fold(key))) {
                            return true;
                        }
                    }
                    case VALUE -> {
                        if (relation(m.relation(), cmp.compare(value, key))) {
                            return true;
                        }
                    }
                    case MATCHES -> {
                        List<String> groups = Glob.match(key, value, cmp, this::step);
                        if (groups != null) {
                            if (variablesOn) {
                                // RFC 5229 3.2: a successful :matches sets ${0} to ${9}.
                                matchVariables = groups.subList(0, Math.min(groups.size(), 10)).stream()
                                        .map(this::cut).toList();
                            }
                            return true;
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        return false;
    }

    private static boolean relation(Script.Relation r, int c) {
        return switch (r) {
            case GT -> c > 0;
            case GE -> c >= 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case EQ -> c == 0;
            case NE -> c != 0;
        };
    }

    // --- variables (RFC 5229) -------------------------------------------------------------

    private List<String> expand(List<String> strings) {
        if (!variablesOn) {
            return strings;
        }
        List<String> out = new ArrayList<>(strings.size());
        for (String s : strings) {
            out.add(expand(s));
        }
        return out;
    }

    /** RFC 5229 3: ${name} and ${digit} are replaced; unknown names are empty; anything else stays. */
    private String expand(String s) {
        if (!variablesOn || !s.contains("${")) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        int p = 0;
        int cap = Math.max(limits.maxVariableLength() * 4, s.length());
        while (p < s.length()) {
            int start = s.indexOf("${", p);
            if (start < 0) {
                b.append(s, p, s.length());
                break;
            }
            int end = s.indexOf('}', start + 2);
            if (end < 0) {
                b.append(s, p, s.length());
                break;
            }
            String name = s.substring(start + 2, end);
            String value = lookup(name);
            b.append(s, p, start);
            if (value == null) {
                // Not a variable reference: keep "${" and continue after it.
                b.append("${");
                p = start + 2;
            } else {
                b.append(value);
                p = end + 1;
            }
            step(1);
            if (b.length() > cap) {
                b.setLength(cap);
                break;
            }
        }
        return b.toString();
    }

    private String lookup(String name) {
        if (!name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int index = name.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(name);
            return index < matchVariables.size() ? matchVariables.get(index) : "";
        }
        if (!name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')
                && name.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))) {
            return variables.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
        return null;
    }

    private void setVariable(String name, String value) {
        if (!variables.containsKey(name) && variables.size() >= limits.maxVariables()) {
            throw new RunError("more than " + limits.maxVariables() + " variables");
        }
        variables.put(name, cut(value));
    }

    private String cut(String value) {
        // RFC 5229 3: a too long value is truncated, never to half a character.
        if (value.length() <= limits.maxVariableLength()) {
            return value;
        }
        int end = limits.maxVariableLength();
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end);
    }

    private String modify(String value, List<String> modifiers) {
        String v = value;
        for (String m : modifiers) {
            v = switch (m) {
                case ":lower" -> v.toLowerCase(Locale.ROOT);
                case ":upper" -> v.toUpperCase(Locale.ROOT);
                case ":lowerfirst" -> v.isEmpty() ? v : v.substring(0, 1).toLowerCase(Locale.ROOT) + v.substring(1);
                case ":upperfirst" -> v.isEmpty() ? v : v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1);
                case ":quotewildcard" -> v.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
                // RFC 5229 4.1.2: the length in characters.
                case ":length" -> String.valueOf(v.codePointCount(0, v.length()));
                default -> v;
            };
        }
        return v;
    }

    // --- bounds ---------------------------------------------------------------------------

    private void step(int units) {
        steps += units;
        if (steps > limits.maxSteps()) {
            throw new RunError("script took more than " + limits.maxSteps() + " steps");
        }
        if ((++calls & 0xff) == 0 && System.nanoTime() > deadline) {
            throw new RunError("script ran longer than " + limits.maxRunTime().toMillis() + " ms");
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
