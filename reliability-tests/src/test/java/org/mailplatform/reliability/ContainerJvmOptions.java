package org.mailplatform.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory options the service images start their JVM with, read from the images' own
 * Containerfile, so the memory test runs a service exactly as a container does.
 */
final class ContainerJvmOptions {

    private static final Path CONTAINERFILE = Path.of("..", "docker", "images", "service.Containerfile");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?m)^ENTRYPOINT\\s*\\[(.*?)]", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private ContainerJvmOptions() {
    }

    /**
     * The {@code -XX:} options of the image's entry point, but its AOT cache: the cache is made by the
     * image build for the image's own class path, and would not serve a class path of this build.
     */
    static List<String> ofImage() {
        String text;
        try {
            text = Files.readString(CONTAINERFILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CONTAINERFILE.toAbsolutePath(), e);
        }
        Matcher entrypoint = ENTRYPOINT.matcher(text);
        if (!entrypoint.find()) {
            throw new IllegalStateException("no ENTRYPOINT in " + CONTAINERFILE);
        }
        List<String> options = new ArrayList<>();
        Matcher argument = QUOTED.matcher(entrypoint.group(1));
        while (argument.find()) {
            if (argument.group(1).startsWith("-XX:") && !argument.group(1).startsWith("-XX:AOTCache=")) {
                options.add(argument.group(1));
            }
        }
        return options;
    }

    /** {@code 768m}, {@code 1g}, {@code 512k} or bytes. */
    static long parseSize(String size) {
        String s = size.trim().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }
}
