package org.mailplatform.store.message;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A message's system flags and keywords. Keywords are kept sorted and without duplicates, exactly
 * as spelled by the client; the IMAP gateway decides their canonical case.
 */
public record MessageFlags(Set<SystemFlag> system, List<String> keywords) {

    /** Longest keyword accepted, a guard against abuse rather than an RFC limit. */
    public static final int MAX_KEYWORD_LENGTH = 255;

    private static final MessageFlags NONE = new MessageFlags(Set.of(), List.of());

    public MessageFlags {
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        TreeSet<String> sorted = new TreeSet<>();
        for (String keyword : keywords) {
            sorted.add(validKeyword(keyword));
        }
        keywords = List.copyOf(sorted);
    }

    public static MessageFlags none() {
        return NONE;
    }

    public static MessageFlags of(SystemFlag... flags) {
        return new MessageFlags(Set.of(flags), List.of());
    }

    public static MessageFlags of(Collection<SystemFlag> flags, Collection<String> keywords) {
        return new MessageFlags(Set.copyOf(flags), List.copyOf(keywords));
    }

    public boolean has(SystemFlag flag) {
        return system.contains(flag);
    }

    public int bits() {
        return SystemFlag.toBits(system);
    }

    static MessageFlags fromStored(int bits, String[] keywords) {
        return new MessageFlags(SystemFlag.fromBits(bits), List.of(keywords));
    }

    // RFC 9051 9 (flag-keyword = atom): no controls, spaces or atom-specials; '\' would make it
    // look like a system flag.
    private static String validKeyword(String keyword) {
        if (keyword == null || keyword.isEmpty() || keyword.length() > MAX_KEYWORD_LENGTH) {
            throw new IllegalArgumentException("keyword empty or too long");
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (c <= ' ' || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("not a keyword: " + keyword);
            }
        }
        return keyword;
    }
}
