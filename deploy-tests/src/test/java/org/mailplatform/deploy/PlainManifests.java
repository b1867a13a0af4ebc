package org.mailplatform.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The k8s/ directory as the chart renders it with its default values, hooks switched off: the
 * Jobs Helm would run as hooks (migration, topics), with the Secrets and the ServiceAccount they
 * use, go to setup.yaml, applied and waited for first; everything else to mail-platform.yaml.
 */
final class PlainManifests {

    static final String SETUP = "setup.yaml";
    static final String PLATFORM = "mail-platform.yaml";

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: mail-platform/templates/(\\S+)");
    // The Jobs run under the ServiceAccount, so it is applied with them.
    private static final List<String> SETUP_TEMPLATES = List.of("serviceaccount.yaml", "secrets.yaml", "job-migrate.yaml", "job-topics.yaml");

    private PlainManifests() {
    }

    /** File name in k8s/ to its content. */
    static Map<String, String> render() {
        String rendered = HelmChart.renderText(HooksTest.WITHOUT_HOOKS);
        List<String> setup = new ArrayList<>();
        List<String> platform = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
            String trimmed = document.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher source = SOURCE.matcher(trimmed);
            boolean isSetup = source.find() && SETUP_TEMPLATES.contains(source.group(1));
            (isSetup ? setup : platform).add(trimmed);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(SETUP, header("""
                # Apply first and wait for both Jobs before applying mail-platform.yaml:
                #   kubectl apply -f k8s/setup.yaml
                #   kubectl wait --for=condition=complete --timeout=10m job/mail-platform-migrate job/mail-platform-topics
                """) + join(setup));
        files.put(PLATFORM, header("""
                # Apply after setup.yaml's Jobs have completed:
                #   kubectl apply -f k8s/mail-platform.yaml
                """) + join(platform));
        return files;
    }

    private static String header(String usage) {
        return """
                # Generated from helm/mail-platform with its default values and helmHooks=false. Do not edit:
                # change the chart (or values) and regenerate with
                #   ./mvnw -B -pl deploy-tests test -Dtest=PlainManifestsTest -Dk8s.update=true
                """ + usage;
    }

    private static String join(List<String> documents) {
        StringBuilder text = new StringBuilder();
        for (String document : documents) {
            text.append("---\n").append(document).append('\n');
        }
        return text.toString();
    }
}
