package org.mailplatform.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A value in a parsed YAML document, navigated by dotted paths ({@code at("spec.template.spec")})
 * or single keys that contain dots themselves ({@code field("helm.sh/hook")}). A missing value is a
 * node whose accessors fail with the path that led to it.
 */
final class YamlNode {

    private final Object value;
    private final String path;

    private YamlNode(Object value, String path) {
        this.value = value;
        this.path = path;
    }

    static YamlNode of(Object value) {
        return new YamlNode(value, "");
    }

    static YamlNode parse(String yaml) {
        return of(new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
    }

    static List<YamlNode> parseAll(String yaml) {
        List<YamlNode> documents = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (document != null) {
                documents.add(of(document));
            }
        }
        return documents;
    }

    YamlNode at(String dottedPath) {
        YamlNode node = this;
        for (String key : dottedPath.split("\\.")) {
            node = node.field(key);
        }
        return node;
    }

    YamlNode field(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        if (value instanceof Map<?, ?> map) {
            return new YamlNode(map.get(key), childPath);
        }
        return new YamlNode(null, childPath);
    }

    boolean exists() {
        return value != null;
    }

    String text() {
        return String.valueOf(require());
    }

    int integer() {
        Object v = require();
        if (v instanceof Number n) {
            return n.intValue();
        }
        return Integer.parseInt(v.toString());
    }

    long longValue() {
        Object v = require();
        if (v instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(v.toString());
    }

    List<YamlNode> items() {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionError(path + " is not a list: " + value);
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            items.add(new YamlNode(list.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    Map<String, YamlNode> fields() {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError(path + " is not a map: " + value);
        }
        Map<String, YamlNode> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put(String.valueOf(k), new YamlNode(v, path + "." + k)));
        return fields;
    }

    /** A map of plain strings, e.g. labels or annotations; empty when absent. */
    Map<String, String> strings() {
        Map<String, String> strings = new LinkedHashMap<>();
        fields().forEach((k, v) -> strings.put(k, v.text()));
        return strings;
    }

    /** The first list item whose {@code key} is {@code expected}. */
    YamlNode itemWith(String key, String expected) {
        return items().stream()
                .filter(item -> item.field(key).exists() && item.field(key).text().equals(expected))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no item with " + key + "=" + expected));
    }

    Object raw() {
        return value;
    }

    String path() {
        return path;
    }

    private Object require() {
        if (value == null) {
            throw new AssertionError("missing: " + path);
        }
        return value;
    }

    @Override
    public String toString() {
        return path + "=" + value;
    }
}
