package org.mailplatform.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The objects of a rendered chart, in the order Helm printed them. */
final class Manifests {

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)");

    private final List<K8sObject> objects;

    private Manifests(List<K8sObject> objects) {
        this.objects = List.copyOf(objects);
    }

    static Manifests parse(String rendered) {
        List<K8sObject> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
            YamlNode node = YamlNode.parse(document);
            if (!node.exists()) {
                continue;
            }
            Matcher source = SOURCE.matcher(document);
            objects.add(new K8sObject(source.find() ? source.group(1) : "", node));
        }
        return new Manifests(objects);
    }

    List<K8sObject> all() {
        return objects;
    }

    List<K8sObject> ofKind(String kind) {
        return objects.stream().filter(o -> o.kind().equals(kind)).toList();
    }

    Optional<K8sObject> find(String kind, String name) {
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)).findFirst();
    }

    K8sObject get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + objects));
    }
}
