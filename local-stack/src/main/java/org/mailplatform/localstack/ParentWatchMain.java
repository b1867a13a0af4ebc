package org.mailplatform.localstack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class in a process of the {@link ProcessStack} and ends the process when the
 * stack's JVM is gone: a stack killed without the chance to stop its children (SIGKILL, a test
 * run's time-out) must not leave services holding its ports and data. The exit is an ordinary
 * one, so the service shuts down gracefully. Arguments: the main class, then its arguments.
 */
public final class ParentWatchMain {

    private ParentWatchMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 1) {
            System.err.println("usage: ParentWatchMain <main-class> [args...]");
            System.exit(2);
        }
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("the local stack (pid " + parent.pid() + ") is gone; stopping");
            System.exit(1);
        }));
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
