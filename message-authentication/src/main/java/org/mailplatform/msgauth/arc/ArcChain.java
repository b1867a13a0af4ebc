package org.mailplatform.msgauth.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mailplatform.msgauth.HeaderSection;
import org.mailplatform.msgauth.dkim.DkimPermanentError;
import org.mailplatform.msgauth.dkim.DkimTagList;

/**
 * The ARC sets of a message, grouped by instance, and whether they form a chain at all
 * (RFC 8617 5.2 steps 2 and 3): instances 1 to N without a gap, N at most 50 (4.2.1), exactly
 * one field of each kind per instance, cv=none on the first seal and cv=pass on every later one.
 */
final class ArcChain {

    static final String RESULTS = "ARC-Authentication-Results";
    static final String MESSAGE_SIGNATURE = "ARC-Message-Signature";
    static final String SEAL = "ARC-Seal";
    /** RFC 8617 4.2.1: i= is 1 to 50. */
    static final int MAX_INSTANCE = 50;

    private static final Pattern RESULTS_INSTANCE = Pattern.compile("^[ \\t]*i[ \\t]*=[ \\t]*([0-9]{1,5})[ \\t]*;");

    private final List<ArcSet> sets;
    private final String defect;
    private final int nextInstance;

    /** @param nextInstance the i= a new set would get; 0 when no set may be added */
    private ArcChain(List<ArcSet> sets, String defect, int nextInstance) {
        this.sets = List.copyOf(sets);
        this.defect = defect;
        this.nextInstance = nextInstance > MAX_INSTANCE ? 0 : nextInstance;
    }

    static ArcChain of(HeaderSection header) {
        Map<Integer, HeaderSection.Field[]> byInstance = new TreeMap<>();
        int arcFields = 0;
        int highest = 0;
        int maxSeen = 0;
        String highestStatus = null;
        for (HeaderSection.Field field : header.fields()) {
            int kind = kind(field);
            if (kind < 0) {
                continue;
            }
            arcFields++;
            if (arcFields > 3 * MAX_INSTANCE) {
                return broken("more than " + MAX_INSTANCE + " ARC sets");
            }
            int instance;
            try {
                instance = instance(header.value(field), kind);
            } catch (DkimPermanentError | NumberFormatException e) {
                return broken("unreadable " + field.name() + ": " + e.getMessage());
            }
            if (instance < 1 || instance > MAX_INSTANCE) {
                return broken(field.name() + " with i=" + instance + " outside 1.." + MAX_INSTANCE);
            }
            maxSeen = Math.max(maxSeen, instance);
            HeaderSection.Field[] set = byInstance.computeIfAbsent(instance, i -> new HeaderSection.Field[3]);
            if (set[kind] != null) {
                return broken("two " + field.name() + " fields with i=" + instance);
            }
            set[kind] = field;
            if (kind == 2 && instance > highest) {
                highest = instance;
                highestStatus = DkimTagList.parse(header.value(field)).get("cv");
            }
        }
        if (byInstance.isEmpty()) {
            return new ArcChain(List.of(), null, 1);
        }
        // 5.2 step 2: a chain its last sealer already found failed stays failed, whatever else is wrong.
        if (highestStatus != null && highestStatus.strip().equalsIgnoreCase("fail")) {
            // A chain marked failed cannot pass again further down the path: no set is added to it.
            return new ArcChain(List.of(), "the ARC-Seal of i=" + highest + " says cv=fail", 0);
        }
        List<ArcSet> sets = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, HeaderSection.Field[]> e : byInstance.entrySet()) {
            int instance = e.getKey();
            if (instance != expected) {
                return broken("no ARC set with i=" + expected, maxSeen);
            }
            HeaderSection.Field[] f = e.getValue();
            for (int kind = 0; kind < 3; kind++) {
                if (f[kind] == null) {
                    return broken("ARC set i=" + instance + " has no " + name(kind), maxSeen);
                }
            }
            String cv = DkimTagList.parse(header.value(f[2])).get("cv");
            String wanted = instance == 1 ? "none" : "pass";
            if (cv == null || !cv.strip().equalsIgnoreCase(wanted)) {
                return broken("ARC-Seal i=" + instance + " has cv=" + cv + ", not " + wanted, maxSeen);
            }
            sets.add(new ArcSet(instance, f[0], f[1], f[2]));
            expected++;
        }
        return new ArcChain(sets, null, maxSeen + 1);
    }

    /** A chain that fails before every ARC field was read: its next instance is unknown, so it is not sealed. */
    private static ArcChain broken(String defect) {
        return new ArcChain(List.of(), defect, 0);
    }

    /** A failed chain that can still be sealed with cv=fail (RFC 8617 5.1.2), as the set after the highest seen. */
    private static ArcChain broken(String defect, int maxSeen) {
        return new ArcChain(List.of(), defect, maxSeen + 1);
    }

    /** 0 for ARC-Authentication-Results, 1 for ARC-Message-Signature, 2 for ARC-Seal, -1 for any other field. */
    private static int kind(HeaderSection.Field field) {
        if (field.named(RESULTS)) {
            return 0;
        }
        if (field.named(MESSAGE_SIGNATURE)) {
            return 1;
        }
        return field.named(SEAL) ? 2 : -1;
    }

    private static String name(int kind) {
        return switch (kind) {
            case 0 -> RESULTS;
            case 1 -> MESSAGE_SIGNATURE;
            default -> SEAL;
        };
    }

    /** RFC 8617 4.1.1: the AAR starts with "i=N;" ahead of the authserv-id; the others carry i= as a tag. */
    private static int instance(String value, int kind) {
        if (kind == 0) {
            Matcher m = RESULTS_INSTANCE.matcher(value);
            if (!m.find()) {
                throw new NumberFormatException("no i= in front");
            }
            return Integer.parseInt(m.group(1));
        }
        String i = DkimTagList.parse(value).require("i").strip();
        if (!i.matches("[0-9]{1,5}")) {
            throw new NumberFormatException("i=" + i + " is not a number");
        }
        return Integer.parseInt(i);
    }

    /** The sets in instance order; empty when there are none or they do not form a chain. */
    List<ArcSet> sets() {
        return sets;
    }

    boolean isEmpty() {
        return sets.isEmpty() && defect == null;
    }

    /** Why the sets are not a chain, or null. */
    String defect() {
        return defect;
    }

    /**
     * The i= of a set added now; 0 when none may be added: past i=50 (RFC 8617 4.2.1), on a chain
     * already marked failed, or when the fields could not be read.
     */
    int nextInstance() {
        return nextInstance;
    }
}
