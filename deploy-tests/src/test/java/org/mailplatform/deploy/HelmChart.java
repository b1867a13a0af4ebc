package org.mailplatform.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    static LintResult lintStrict() {
        return new Helm(ProjectFiles.chart()).lint().strict().call();
    }
}
