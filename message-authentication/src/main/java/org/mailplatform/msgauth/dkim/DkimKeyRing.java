package org.mailplatform.msgauth.dkim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys that sign, per domain: at most one per algorithm, so a domain with an RSA and an
 * Ed25519 key signs every message twice (RFC 8463 6 recommends both while verifiers catch up).
 * Of two keys of one domain and algorithm the newer signs: a key is rotated by adding one under a
 * new selector (after its DNS record is published) and removing the old one later. Immutable.
 */
public final class DkimKeyRing {

    private static final DkimKeyRing EMPTY = new DkimKeyRing(List.of());

    private final Map<String, List<DkimKey>> signing;
    private final List<DkimKey> all;

    private DkimKeyRing(Collection<DkimKey> keys) {
        this.all = List.copyOf(keys);
        Map<String, Map<DkimAlgorithm, DkimKey>> chosen = new HashMap<>();
        Comparator<DkimKey> newer = Comparator.comparing(DkimKey::createdAt).thenComparing(DkimKey::selector);
        for (DkimKey key : all) {
            chosen.computeIfAbsent(key.domain(), d -> new EnumMap<>(DkimAlgorithm.class))
                    .merge(key.algorithm(), key, (a, b) -> newer.compare(a, b) >= 0 ? a : b);
        }
        Map<String, List<DkimKey>> byDomain = new HashMap<>();
        chosen.forEach((domain, perAlgorithm) -> byDomain.put(domain, List.copyOf(perAlgorithm.values())));
        this.signing = Map.copyOf(byDomain);
    }

    public static DkimKeyRing of(Collection<DkimKey> keys) {
        return keys.isEmpty() ? EMPTY : new DkimKeyRing(keys);
    }

    public static DkimKeyRing empty() {
        return EMPTY;
    }

    /** The keys that sign mail from {@code domain} (A-label form), RSA first; empty when none. */
    public List<DkimKey> signingKeys(String domain) {
        return signing.getOrDefault(domain.toLowerCase(Locale.ROOT), List.of());
    }

    /** Every key held, signing or not. */
    public List<DkimKey> keys() {
        return all;
    }

    /** This ring and {@code other}'s keys together. */
    public DkimKeyRing with(Collection<DkimKey> other) {
        List<DkimKey> merged = new ArrayList<>(all);
        merged.addAll(other);
        return of(merged);
    }

    public int size() {
        return all.size();
    }

    @Override
    public String toString() {
        return "DkimKeyRing" + all;
    }
}
