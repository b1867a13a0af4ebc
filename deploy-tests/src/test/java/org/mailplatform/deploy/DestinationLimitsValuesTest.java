package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The MTA's per-destination session limit is per replica divided by the replica count: the chart
 * writes that count into the MTA's configuration, the largest one the autoscaler may reach.
 */
class DestinationLimitsValuesTest {

    private static final String REPLICAS = "mailplatform.mta.outbound.destinations.replicas";

    @Test
    void withAutoscalingTheMtaDividesByItsMaximumReplicas() {
        assertThat(replicas(HelmChart.defaults())).isEqualTo("6");
        assertThat(replicas(HelmChart.render(Map.of("services.mta-service.autoscaling.maxReplicas", "4")))).isEqualTo("4");
    }

    @Test
    void withoutAutoscalingByItsFixedReplicas() {
        assertThat(replicas(HelmChart.render(Map.of("services.mta-service.autoscaling.enabled", "false",
                "services.mta-service.replicas", "3")))).isEqualTo("3");
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(replicas(HelmChart.render(Map.of("services.mta-service.config.mailplatform.mta.outbound.destinations.replicas", "1"))))
                .isEqualTo("1");
    }

    private static String replicas(Manifests manifests) {
        return ServiceConfiguration.of(manifests.get("ConfigMap", PlatformService.MTA.objectName())).string(REPLICAS);
    }
}
