package org.mailplatform.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.mailplatform.localstack.PlatformService;

/**
 * When traffic stops moving: every thread of this JVM (the clients) and of each service
 * ({@code jcmd <pid> Thread.print}) into one file, to show who waits for whom.
 */
final class ThreadDumps {

    private ThreadDumps() {
    }

    static void write(PlatformProcesses platform, Path file) {
        StringBuilder b = new StringBuilder("==== test JVM (clients)\n");
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false, 64)) {
            b.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                b.append("    at ").append(frame).append('\n');
            }
        }
        for (PlatformService service : platform.stack.services()) {
            b.append("==== ").append(service.serviceName()).append('\n');
            try {
                b.append(jcmd(platform.stack.servicePid(service), file.resolveSibling(file.getFileName() + "." + service.serviceName())));
            } catch (IOException | RuntimeException e) {
                b.append("no dump: ").append(e).append('\n');
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, b, StandardCharsets.UTF_8);
            System.out.println("thread dumps written to " + file.toAbsolutePath());
        } catch (IOException e) {
            System.out.println("cannot write thread dumps: " + e);
        }
    }

    /** Thread.dump_to_file: unlike Thread.print it includes the virtual threads the sessions run on. */
    private static String jcmd(long pid, Path dump) throws IOException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Files.createDirectories(dump.getParent());
        Files.deleteIfExists(dump);
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.dump_to_file", dump.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return Files.exists(dump) ? Files.readString(dump, StandardCharsets.UTF_8) : out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
