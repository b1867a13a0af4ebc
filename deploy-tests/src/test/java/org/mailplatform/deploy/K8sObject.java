package org.mailplatform.deploy;

import java.util.Map;

/** One rendered Kubernetes object and the chart template it came from. */
record K8sObject(String source, YamlNode node) {

    String kind() {
        return node.field("kind").text();
    }

    String name() {
        return node.at("metadata.name").text();
    }

    Map<String, String> labels() {
        return node.at("metadata.labels").strings();
    }

    Map<String, String> annotations() {
        return node.at("metadata.annotations").strings();
    }

    YamlNode at(String dottedPath) {
        return node.at(dottedPath);
    }

    @Override
    public String toString() {
        return kind() + "/" + name();
    }
}
