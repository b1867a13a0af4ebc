package org.mailplatform.sieve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mailplatform.sieve.Token.Kind;

/** Builds the generic syntax tree of RFC 5228 8.2 from tokens, refusing nesting deeper than the limit. */
final class Parser {

    private final List<Token> tokens;
    private final SieveLimits limits;
    private int p;
    private int depth;

    private Parser(List<Token> tokens, SieveLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    static List<Syntax.Command> parse(String script, SieveLimits limits) throws SieveSyntaxException {
        Parser parser = new Parser(Lexer.tokens(script, limits.maxTokens()), limits);
        List<Syntax.Command> commands = parser.commands();
        Token end = parser.peek();
        if (end.kind() != Kind.END) {
            throw new SieveSyntaxException(end.line(), "unexpected " + end.describe());
        }
        return commands;
    }

    private List<Syntax.Command> commands() throws SieveSyntaxException {
        List<Syntax.Command> out = new ArrayList<>();
        while (peek().kind() == Kind.IDENTIFIER) {
            out.add(command());
        }
        return out;
    }

    private Syntax.Command command() throws SieveSyntaxException {
        Token name = take();
        List<Syntax.Argument> arguments = arguments();
        List<Syntax.Test> tests = testsAfterArguments();
        Token t = take();
        if (t.kind() == Kind.SEMICOLON) {
            return new Syntax.Command(lower(name), arguments, tests, null, name.line());
        }
        if (t.kind() != Kind.LBRACE) {
            throw new SieveSyntaxException(t.line(), "expected ';' or '{' after " + name.text() + ", found " + t.describe());
        }
        enter(t);
        List<Syntax.Command> block = commands();
        Token close = take();
        if (close.kind() != Kind.RBRACE) {
            throw new SieveSyntaxException(close.line(), "expected '}' to close the block of " + name.text()
                    + " (line " + name.line() + "), found " + close.describe());
        }
        depth--;
        return new Syntax.Command(lower(name), arguments, tests, block, name.line());
    }

    private List<Syntax.Argument> arguments() throws SieveSyntaxException {
        List<Syntax.Argument> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.kind()) {
                case TAG -> {
                    p++;
                    out.add(new Syntax.Tag(t.text().toLowerCase(Locale.ROOT), t.line()));
                }
                case NUMBER -> {
                    p++;
                    out.add(new Syntax.Number(t.number(), t.line()));
                }
                case STRING -> {
                    p++;
                    out.add(new Syntax.Strings(List.of(t.text()), false, t.line()));
                }
                case LBRACKET -> out.add(stringList());
                default -> {
                    return out;
                }
            }
        }
    }

    private Syntax.Strings stringList() throws SieveSyntaxException {
        Token open = take();
        List<String> values = new ArrayList<>();
        while (true) {
            Token s = take();
            if (s.kind() != Kind.STRING) {
                throw new SieveSyntaxException(s.line(), "expected a string in the list, found " + s.describe());
            }
            values.add(s.text());
            if (values.size() > limits.maxListLength()) {
                throw new SieveSyntaxException(s.line(), "string list longer than " + limits.maxListLength());
            }
            Token sep = take();
            if (sep.kind() == Kind.RBRACKET) {
                return new Syntax.Strings(List.copyOf(values), true, open.line());
            }
            if (sep.kind() != Kind.COMMA) {
                throw new SieveSyntaxException(sep.line(), "expected ',' or ']' in the string list, found " + sep.describe());
            }
        }
    }

    private List<Syntax.Test> testsAfterArguments() throws SieveSyntaxException {
        Token t = peek();
        if (t.kind() == Kind.IDENTIFIER) {
            return List.of(test());
        }
        if (t.kind() == Kind.LPAREN) {
            p++;
            enter(t);
            List<Syntax.Test> tests = new ArrayList<>();
            while (true) {
                tests.add(test());
                Token sep = take();
                if (sep.kind() == Kind.RPAREN) {
                    depth--;
                    return List.copyOf(tests);
                }
                if (sep.kind() != Kind.COMMA) {
                    throw new SieveSyntaxException(sep.line(), "expected ',' or ')' in the test list, found " + sep.describe());
                }
            }
        }
        return List.of();
    }

    private Syntax.Test test() throws SieveSyntaxException {
        Token name = take();
        if (name.kind() != Kind.IDENTIFIER) {
            throw new SieveSyntaxException(name.line(), "expected a test, found " + name.describe());
        }
        enter(name);
        List<Syntax.Argument> arguments = arguments();
        List<Syntax.Test> tests = testsAfterArguments();
        depth--;
        return new Syntax.Test(lower(name), arguments, tests, name.line());
    }

    private void enter(Token at) throws SieveSyntaxException {
        if (++depth > limits.maxNesting()) {
            throw new SieveSyntaxException(at.line(), "blocks and tests nested deeper than " + limits.maxNesting());
        }
    }

    private Token peek() {
        return tokens.get(p);
    }

    private Token take() {
        Token t = tokens.get(p);
        if (t.kind() != Kind.END) {
            p++;
        }
        return t;
    }

    private static String lower(Token t) {
        return t.text().toLowerCase(Locale.ROOT);
    }
}
