package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;

/**
 * Finds a service's own {@code application.yml}. All five services ship one at the root of their
 * jar, and the stack runs them on one class path, where {@code classpath:application.yml} would
 * give every service the first jar's file; each service is pointed at the file of its own jar.
 */
final class ServiceConfigFile {

    static final String NAME = "application.yml";

    private ServiceConfigFile() {
    }

    /** The URL of the {@code application.yml} that sits in the same jar (or classes directory) as the class. */
    static URL of(Class<?> applicationClass) {
        String home = normalize(applicationClass.getProtectionDomain().getCodeSource().getLocation().toString());
        try {
            for (URL candidate : Collections.list(applicationClass.getClassLoader().getResources(NAME))) {
                String s = candidate.toString();
                String base = normalize(s.substring(0, s.length() - NAME.length()));
                if (base.equals(home)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + NAME + " resources", e);
        }
        throw new IllegalStateException("no " + NAME + " next to " + applicationClass.getName() + " in " + home);
    }

    /** {@code jar:file:/x.jar!/} and {@code file:/x.jar}, or {@code file:/classes/} and {@code file:/classes}, name the same place. */
    private static String normalize(String location) {
        String s = location;
        if (s.startsWith("jar:")) {
            s = s.substring("jar:".length());
        }
        if (s.endsWith("!/")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
