package org.mailplatform.mda.sieve;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.mailplatform.sieve.Script;
import org.mailplatform.sieve.SieveScripts;
import org.mailplatform.sieve.SieveSyntaxException;
import org.mailplatform.store.sieve.SieveScript;
import org.mailplatform.store.sieve.SieveScriptRepository;

/**
 * The active script of each account, parsed once per version: the cache is keyed by account,
 * script name and {@code updated_at}, so a PUTSCRIPT or SETACTIVE is seen at the next delivery.
 */
final class ActiveScripts {

    /** An account's active script: parsed, or the reason it cannot be. */
    record Active(String name, Script script, String problem) {
    }

    private record Version(String name, Instant updatedAt, Active active) {
    }

    private final SieveScriptRepository repository;
    private final Map<Long, Version> cache;

    ActiveScripts(SieveScriptRepository repository, int capacity) {
        this.repository = repository;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Version> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<Active> of(long accountId) {
        Optional<SieveScript> stored = repository.findActive(accountId);
        if (stored.isEmpty()) {
            synchronized (cache) {
                cache.remove(accountId);
            }
            return Optional.empty();
        }
        SieveScript s = stored.get();
        synchronized (cache) {
            Version v = cache.get(accountId);
            if (v != null && v.name.equals(s.name()) && v.updatedAt.equals(s.updatedAt())) {
                return Optional.of(v.active);
            }
        }
        Active active;
        try {
            active = new Active(s.name(), SieveScripts.compile(s.content()), null);
        } catch (SieveSyntaxException e) {
            active = new Active(s.name(), null, e.getMessage());
        }
        synchronized (cache) {
            cache.put(accountId, new Version(s.name(), s.updatedAt(), active));
        }
        return Optional.of(active);
    }
}
