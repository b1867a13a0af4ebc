package org.mailplatform.localstack;

import java.util.EnumMap;
import java.util.Map;

/**
 * Whether the local stack runs each service as a JVM of its own ({@link ProcessStack}) rather than
 * all five in its own JVM, and with how many processes of each.
 *
 * @param enabled  one process per service (and per replica)
 * @param replicas processes of a service, where more than one
 * @param aotCache start each service from an AOT cache, made by a training run when missing
 */
public record ProcessMode(boolean enabled, Map<PlatformService, Integer> replicas, boolean aotCache) {

    /** All five services in the stack's JVM. */
    public static final ProcessMode OFF = new ProcessMode(false, Map.of(), false);

    public ProcessMode {
        replicas = replicas.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(replicas));
    }

    /** How many processes of {@code service} run. */
    public int processes(PlatformService service) {
        return replicas.getOrDefault(service, 1);
    }
}
