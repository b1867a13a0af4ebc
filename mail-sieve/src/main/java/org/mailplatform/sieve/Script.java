package org.mailplatform.sieve;

import java.util.List;
import java.util.Set;

/**
 * A checked script, ready to run any number of times from any thread: immutable, typed commands
 * and tests (RFC 5228 3, 4, 5 and the extensions in {@link SieveScripts#EXTENSIONS}).
 */
public final class Script {

    private final List<Command> commands;
    private final Set<String> required;

    Script(List<Command> commands, Set<String> required) {
        this.commands = List.copyOf(commands);
        this.required = Set.copyOf(required);
    }

    List<Command> commands() {
        return commands;
    }

    /** The extensions the script's {@code require} names. */
    public Set<String> required() {
        return required;
    }

    boolean variables() {
        return required.contains("variables");
    }

    // --- commands -------------------------------------------------------------------------

    sealed interface Command permits If, Stop, Keep, Discard, FileInto, Redirect, Reject, Flags, SetVariable,
            Vacation {
        int line();
    }

    /** if / elsif / else (RFC 5228 3.1): one condition per branch; {@code otherwise} may be empty. */
    record If(List<Test> conditions, List<List<Command>> blocks, List<Command> otherwise, int line) implements Command {
    }

    record Stop(int line) implements Command {
    }

    /** @param flags the :flags argument (RFC 5232 5), or null for the internal variable */
    record Keep(List<String> flags, int line) implements Command {
    }

    record Discard(int line) implements Command {
    }

    /** RFC 5228 4.1 with :flags (RFC 5232), :copy (RFC 3894) and :create (RFC 5490 3.2). */
    record FileInto(String mailbox, List<String> flags, boolean copy, boolean create, int line) implements Command {
    }

    record Redirect(String address, boolean copy, int line) implements Command {
    }

    /** reject (RFC 5429 2.2) or ereject (2.1). */
    record Reject(String reason, boolean extended, int line) implements Command {
    }

    enum FlagAction { SET, ADD, REMOVE }

    /** setflag / addflag / removeflag (RFC 5232 3); {@code variable} null for the internal one. */
    record Flags(FlagAction action, String variable, List<String> flags, int line) implements Command {
    }

    /** set (RFC 5229 4) with its modifiers in the order they apply. */
    record SetVariable(String name, String value, List<String> modifiers, int line) implements Command {
    }

    /** RFC 5230 4, with :seconds of RFC 6131; {@code period} in seconds, null for the default. */
    record Vacation(Long period, String subject, String from, List<String> addresses, boolean mime, String handle,
                    String reason, int line) implements Command {
    }

    // --- tests ----------------------------------------------------------------------------

    sealed interface Test permits Constant, Not, AllOf, AnyOf, Exists, Size, Header, Address, Envelope, Body,
            StringTest, HasFlag, SpamTest {
    }

    record Constant(boolean value) implements Test {
    }

    record Not(Test test) implements Test {
    }

    record AllOf(List<Test> tests) implements Test {
    }

    record AnyOf(List<Test> tests) implements Test {
    }

    record Exists(List<String> names) implements Test {
    }

    record Size(boolean over, long limit) implements Test {
    }

    record Header(Match match, List<String> names, List<String> keys) implements Test {
    }

    record Address(Match match, AddressPart part, List<String> names, List<String> keys) implements Test {
    }

    record Envelope(Match match, AddressPart part, List<String> parts, List<String> keys) implements Test {
    }

    record Body(Match match, boolean raw, List<String> keys) implements Test {
    }

    record StringTest(Match match, List<String> sources, List<String> keys) implements Test {
    }

    /** @param variables the variables to look in, empty for the internal one */
    record HasFlag(Match match, List<String> variables, List<String> keys) implements Test {
    }

    record SpamTest(Match match, boolean percent, String key) implements Test {
    }

    enum AddressPart { ALL, LOCALPART, DOMAIN }

    enum MatchType { IS, CONTAINS, MATCHES, COUNT, VALUE }

    /** RFC 5231 relational operators. */
    enum Relation { GT, GE, LT, LE, EQ, NE }

    /** @param relation for :count and :value only */
    record Match(MatchType type, Relation relation, Comparator comparator) {
        static final Match DEFAULT = new Match(MatchType.IS, null, Comparator.ASCII_CASEMAP);
    }
}
