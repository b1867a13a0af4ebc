package org.mailplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's memory and threads as Linux reports them in {@code /proc/<pid>/status}.
 *
 * @param rssKib     resident set now (VmRSS)
 * @param peakRssKib the highest resident set so far (VmHWM)
 * @param threads    its threads
 */
record ProcessMemory(long rssKib, long peakRssKib, int threads) {

    static ProcessMemory of(long pid) {
        try {
            long rss = -1;
            long peak = -1;
            int threads = -1;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
            return new ProcessMemory(rss, peak, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status of process " + pid, e);
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }

    long rssMib() {
        return Math.round(rssKib / 1024.0);
    }

    long peakRssMib() {
        return Math.round(peakRssKib / 1024.0);
    }
}
