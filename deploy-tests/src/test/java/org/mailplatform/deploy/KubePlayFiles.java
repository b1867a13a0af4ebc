package org.mailplatform.deploy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's rendered objects as `podman kube play` (4.3) takes them on one host.
 *
 * <ul>
 *   <li>Podman plays Pods, Deployments and ConfigMaps; a Job it does not know, so the migration Job
 *       becomes a Pod with the Job's pod template (restartPolicy Never: it runs once), played and
 *       waited for first, as Helm runs its hooks. Services, autoscalers and disruption budgets mean
 *       nothing on one host and are left out.</li>
 *   <li>Secrets are made with `podman secret create NAME file` from {@link #secrets()}, not played:
 *       podman 4.3 stores a played Secret as its YAML text, but reads a secretKeyRef as a JSON
 *       object of key to base64 value, and a secret volume as the whole Secret object whose data
 *       values it writes to the files as they are (so they go in decoded).</li>
 *   <li>A secret volume gets {@code optional: false} spelled out (podman 4.3 crashes on a missing
 *       one), and container ports are dropped, which podman refuses on the host's network ("PortMappings
 *       can only be used with Bridge or slirp4netns networking"); probes that name a port get its
 *       number.</li>
 * </ul>
 *
 * @param volumes named volumes podman makes for the ConfigMap, Secret and emptyDir volumes, which
 *                `podman kube down` leaves behind
 */
record KubePlayFiles(String setup, String platform, Map<String, String> secrets, Set<String> volumes) {

    private static final List<String> PLATFORM_KINDS = List.of("ConfigMap", "Deployment");

    @SuppressWarnings("unchecked")
    static KubePlayFiles of(String rendered) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(rendered)) {
            if (document instanceof Map<?, ?> object) {
                objects.add((Map<String, Object>) object);
            }
        }
        Set<String> secretVolumes = new LinkedHashSet<>();
        Set<String> volumes = new LinkedHashSet<>();
        for (Map<String, Object> object : objects) {
            if (object.get("kind").equals("Deployment") || object.get("kind").equals("Job")) {
                for (Object item : (List<Object>) podSpec(object).getOrDefault("volumes", List.of())) {
                    Map<String, Object> volume = (Map<String, Object>) item;
                    if (volume.get("secret") instanceof Map<?, ?> secret) {
                        secretVolumes.add((String) secret.get("secretName"));
                        volumes.add((String) secret.get("secretName"));
                    } else if (volume.get("configMap") instanceof Map<?, ?> configMap) {
                        volumes.add((String) configMap.get("name"));
                    } else {
                        volumes.add((String) volume.get("name"));
                    }
                }
            }
        }

        JsonMapper json = JsonMapper.builder().build();
        List<Object> setup = new ArrayList<>();
        List<Object> platform = new ArrayList<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (Map<String, Object> object : objects) {
            String kind = (String) object.get("kind");
            String name = (String) ((Map<String, Object>) object.get("metadata")).get("name");
            if (kind.equals("Secret")) {
                secrets.put(name, json.writeValueAsString(secretVolumes.contains(name) ? decoded(object) : object.get("data")));
            } else if (kind.equals("Job")) {
                Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) object.get("spec")).get("template");
                Map<String, Object> pod = new LinkedHashMap<>();
                pod.put("apiVersion", "v1");
                pod.put("kind", "Pod");
                Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) template.getOrDefault("metadata", Map.of()));
                metadata.put("name", name);
                pod.put("metadata", metadata);
                pod.put("spec", template.get("spec"));
                forPodman(pod);
                setup.add(pod);
            } else if (PLATFORM_KINDS.contains(kind)) {
                if (kind.equals("Deployment")) {
                    forPodman(object);
                }
                platform.add(object);
            }
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Yaml dumper = new Yaml(options);
        return new KubePlayFiles(dumper.dumpAll(setup.iterator()), dumper.dumpAll(platform.iterator()), secrets, volumes);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decoded(Map<String, Object> secret) {
        Map<String, Object> copy = new LinkedHashMap<>(secret);
        Map<String, Object> data = new LinkedHashMap<>();
        ((Map<String, Object>) secret.get("data")).forEach((key, value) ->
                data.put(key, new String(Base64.getDecoder().decode((String) value), StandardCharsets.UTF_8)));
        copy.put("data", data);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static void forPodman(Map<String, Object> object) {
        Map<String, Object> spec = podSpec(object);
        for (Object volume : (List<Object>) spec.getOrDefault("volumes", List.of())) {
            if (((Map<String, Object>) volume).get("secret") instanceof Map<?, ?> source) {
                ((Map<String, Object>) source).putIfAbsent("optional", false);
            }
        }
        for (Object item : (List<Object>) spec.get("containers")) {
            Map<String, Object> container = (Map<String, Object>) item;
            Map<String, Object> numbers = new LinkedHashMap<>();
            for (Object port : (List<Object>) container.getOrDefault("ports", List.of())) {
                Map<String, Object> p = (Map<String, Object>) port;
                numbers.put((String) p.get("name"), p.get("containerPort"));
            }
            container.remove("ports");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (container.get(probe) instanceof Map<?, ?> definition && definition.get("httpGet") instanceof Map<?, ?> get
                        && get.get("port") instanceof String name) {
                    ((Map<String, Object>) get).put("port", numbers.get(name));
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> podSpec(Map<String, Object> object) {
        Map<String, Object> spec = (Map<String, Object>) object.get("spec");
        if (object.get("kind").equals("Pod")) {
            return spec;
        }
        return (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    }
}
