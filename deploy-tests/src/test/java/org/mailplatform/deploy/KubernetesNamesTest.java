package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The API server's naming rules, which no offline tool here checks: object names, Service names,
 * port names and label values of everything the chart renders (with the hook objects included).
 */
class KubernetesNamesTest {

    // RFC 1123 label (Kubernetes DNS-1123 label): most object names.
    private static final Pattern DNS_1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    // RFC 1035 label: Service names must also start with a letter.
    private static final Pattern DNS_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
    // IANA service name (RFC 6335 5.1): port names.
    private static final Pattern IANA_SERVICE_NAME = Pattern.compile("(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    private static final Manifests ALL = HelmChart.render(HooksTest.WITHOUT_HOOKS);

    @Test
    void objectNamesAreDnsLabels() {
        assertThat(ALL.all()).allSatisfy(o -> assertThat(o.name()).as(o.toString()).matches(DNS_1123_LABEL));
        assertThat(ALL.ofKind("Service")).allSatisfy(o -> assertThat(o.name()).as(o.toString()).matches(DNS_1035_LABEL));
    }

    @Test
    void portNamesAreServiceNames() {
        List<String> names = new ArrayList<>();
        for (K8sObject deployment : ALL.ofKind("Deployment")) {
            deployment.at("spec.template.spec.containers").items().forEach(container ->
                    container.field("ports").items().forEach(port -> names.add(port.field("name").text())));
        }
        ALL.ofKind("Service").forEach(service ->
                service.at("spec.ports").items().forEach(port -> names.add(port.field("name").text())));

        assertThat(names).isNotEmpty().allSatisfy(name -> assertThat(name).matches(IANA_SERVICE_NAME));
    }

    @Test
    void labelValuesAreValid() {
        for (K8sObject object : ALL.all()) {
            object.labels().forEach((key, value) -> assertThat(value).as("%s label %s", object, key).matches(LABEL_VALUE));
        }
    }
}
