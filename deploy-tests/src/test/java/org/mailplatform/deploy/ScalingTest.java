package org.mailplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Horizontal scaling of the gateways, the MSA and the MTA, and disruption budgets for every service. */
class ScalingTest {

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void gatewaysTheMsaAndTheMtaScaleOnCpuTheMdaKeepsItsReplicas(PlatformService service) {
        K8sObject deployment = DeploymentsTest.deploymentObject(service);
        var hpa = HelmChart.defaults().find("HorizontalPodAutoscaler", service.objectName());

        assertThat(hpa.isPresent()).isEqualTo(service.scalesHorizontally());
        if (service.scalesHorizontally()) {
            assertThat(hpa.get().at("spec.scaleTargetRef.kind").text()).isEqualTo("Deployment");
            assertThat(hpa.get().at("spec.scaleTargetRef.name").text()).isEqualTo(deployment.name());
            assertThat(hpa.get().at("spec.minReplicas").integer()).isGreaterThanOrEqualTo(2);
            assertThat(hpa.get().at("spec.metrics").items().getFirst().at("resource.name").text()).isEqualTo("cpu");
            // The autoscaler owns the replica count; a fixed one would fight it on every upgrade.
            assertThat(deployment.at("spec.replicas").exists()).isFalse();
        } else {
            assertThat(deployment.at("spec.replicas").integer()).isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void aDisruptionBudgetCoversThePodsOfEveryService(PlatformService service) {
        K8sObject budget = HelmChart.defaults().get("PodDisruptionBudget", service.objectName());
        Map<String, String> selector = budget.at("spec.selector.matchLabels").strings();
        Map<String, String> podLabels = DeploymentsTest.deploymentObject(service).at("spec.template.metadata.labels").strings();

        assertThat(podLabels.entrySet()).containsAll(selector.entrySet());
        assertThat(selector).containsEntry("app.kubernetes.io/component", service.serviceName());
        assertThat(budget.at("spec.maxUnavailable").integer()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(PlatformService.class)
    void rolloutsNeverDropCapacity(PlatformService service) {
        YamlNode strategy = DeploymentsTest.deploymentObject(service).at("spec.strategy.rollingUpdate");

        assertThat(strategy.field("maxUnavailable").integer()).isZero();
    }
}
