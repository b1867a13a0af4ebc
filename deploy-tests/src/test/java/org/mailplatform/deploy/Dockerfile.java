package org.mailplatform.deploy;

import java.util.ArrayList;
import java.util.List;

/** A Dockerfile's instructions, continuation lines joined and comments dropped. */
record Dockerfile(List<Instruction> instructions) {

    static Dockerfile of(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String joined = pending.toString().strip();
            pending.setLength(0);
            if (!joined.isEmpty()) {
                int space = joined.indexOf(' ');
                instructions.add(new Instruction(joined.substring(0, space).toUpperCase(), joined.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(List.copyOf(instructions));
    }

    List<String> arguments(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    String single(String keyword) {
        List<String> all = arguments(keyword);
        if (all.size() != 1) {
            throw new AssertionError("expected one " + keyword + ", found " + all);
        }
        return all.getFirst();
    }

    record Instruction(String keyword, String arguments) {
    }
}
