package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/** The chart in helm/mail-platform, rendered and linted by real Helm (in-process). */
final class HelmChart {

    static final String RELEASE = "mail-platform";

    private static volatile Manifests defaults;

    private HelmChart() {
    }

    /** The chart as `helm template mail-platform helm/mail-platform` prints it. */
    static Manifests defaults() {
        Manifests m = defaults;
        if (m == null) {
            m = Manifests.parse(renderText(Map.of()));
            defaults = m;
        }
        return m;
    }

    /** Rendered with `--set key=value` for each entry. */
    static Manifests render(Map<String, Object> sets) {
        return Manifests.parse(renderText(sets));
    }

    static String renderText(Map<String, Object> sets) {
        TemplateCommand template = new Helm(ProjectFiles.chart()).template().withName(RELEASE);
        sets.forEach(template::set);
        return template.call();
    }

    /** Rendered with a values file holding {@code valuesYaml}. */
    static Manifests renderWithValues(String valuesYaml) {
        return Manifests.parse(renderTextWithValues(valuesYaml));
    }

    static String renderTextWithValues(String valuesYaml) {
        try {
            Path values = Files.createTempFile("values", ".yaml");
            try {
                Files.writeString(values, valuesYaml);
                return new Helm(ProjectFiles.chart()).template().withName(RELEASE).withValuesFile(values).call();
            } finally {
                Files.deleteIfExists(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rendered with the chart's test hooks ({@code helm.sh/hook: test}) kept in the output: Helm's
     * template leaves hooks out, so a copy of the chart is rendered in which their hook annotation
     * is renamed {@value #TEST_HOOK_MARK}. Everything else is the chart's own text.
     */
    static Manifests renderWithTestHooks(Map<String, Object> sets) {
        try {
            Path copy = Files.createTempDirectory("chart");
            try {
                copyTree(ProjectFiles.chart(), copy);
                try (Stream<Path> tests = Files.list(copy.resolve("templates/tests"))) {
                    for (Path test : tests.toList()) {
                        Files.writeString(test, Files.readString(test).replace("helm.sh/hook: test", TEST_HOOK_MARK + ": test"));
                    }
                }
                TemplateCommand template = new Helm(copy).template().withName(RELEASE);
                sets.forEach(template::set);
                return Manifests.parse(template.call());
            } finally {
                try (Stream<Path> files = Files.walk(copy)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The annotation {@link #renderWithTestHooks} puts where the chart says {@code helm.sh/hook}. */
    static final String TEST_HOOK_MARK = "mailplatform.org/rendered-helm-hook";

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    static LintResult lintStrict() {
        return new Helm(ProjectFiles.chart()).lint().strict().call();
    }
}
