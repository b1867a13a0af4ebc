package org.mailplatform.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.CharsetUtil;

/**
 * RFC 2231 parameter value continuations and charset/language encoding.
 *
 * <p>{@link #merge} joins {@code name*0}, {@code name*1*}, ... into one parameter, the way it is
 * reported in BODYSTRUCTURE: {@code name} when no segment is encoded, else {@code name*} with the
 * {@code charset'language'} prefix and percent-encoded octets kept (RFC 2231 4). {@link #decoded}
 * turns a parameter into readable text; a plain value also gets RFC 2047 encoded words decoded,
 * which RFC 2047 5 forbids in parameters but many mailers write in file names.
 */
final class Rfc2231 {

    private static final Pattern SECTION = Pattern.compile("(.+?)\\*(\\d{1,3})(\\*?)");
    private static final String ATTRIBUTE_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~";

    private Rfc2231() {
    }

    private record Section(String value, boolean encoded) {
    }

    /** Joins continuations; parameters are octet-per-char, names lowercased. */
    static List<Parameter> merge(List<Parameter> parameters) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            Matcher m = SECTION.matcher(parameter.name());
            if (m.matches()) {
                String key = "\u0000" + m.group(1);
                @SuppressWarnings("unchecked")
                TreeMap<Integer, Section> sections =
                        (TreeMap<Integer, Section>) ordered.computeIfAbsent(key, k -> new TreeMap<Integer, Section>());
                sections.putIfAbsent(Integer.parseInt(m.group(2)), new Section(parameter.value(), !m.group(3).isEmpty()));
            } else {
                ordered.putIfAbsent(parameter.name(), parameter);
            }
        }
        List<Parameter> merged = new ArrayList<>();
        for (Map.Entry<String, Object> entry : ordered.entrySet()) {
            if (entry.getValue() instanceof Parameter parameter) {
                addIfAbsent(merged, parameter);
            } else {
                @SuppressWarnings("unchecked")
                TreeMap<Integer, Section> sections = (TreeMap<Integer, Section>) entry.getValue();
                addIfAbsent(merged, join(entry.getKey().substring(1), sections));
            }
        }
        return merged;
    }

    private static Parameter join(String name, TreeMap<Integer, Section> sections) {
        boolean anyEncoded = sections.values().stream().anyMatch(Section::encoded);
        StringBuilder value = new StringBuilder();
        if (anyEncoded && !sections.firstEntry().getValue().encoded()) {
            value.append("''");
        }
        for (Section section : sections.values()) {
            value.append(anyEncoded && !section.encoded() ? percentEncode(section.value()) : section.value());
        }
        return new Parameter(anyEncoded ? name + "*" : name, value.toString());
    }

    private static void addIfAbsent(List<Parameter> list, Parameter parameter) {
        if (list.stream().noneMatch(p -> p.name().equals(parameter.name()))) {
            list.add(parameter);
        }
    }

    private static String percentEncode(String octets) {
        StringBuilder out = new StringBuilder(octets.length());
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (ATTRIBUTE_CHARS.indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return out.toString();
    }

    /** The value of the first parameter with that name, case-insensitive; null when absent. */
    static String find(List<Parameter> parameters, String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equalsIgnoreCase(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    /** Readable value of parameter {@code name}, preferring its RFC 2231 extended form. */
    static String decoded(List<Parameter> parameters, String name) {
        String extended = find(parameters, name + "*");
        if (extended != null) {
            return decodeExtended(extended);
        }
        String plain = find(parameters, name);
        if (plain == null) {
            return null;
        }
        try {
            return DecoderUtil.decodeEncodedWords(plain, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return plain;
        }
    }

    /** RFC 2231 4: {@code charset'language'%XX...}. */
    static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        String charsetName = second < 0 ? null : value.substring(0, first);
        String text = second < 0 ? value : value.substring(second + 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] octets = bytes.toByteArray();
        Charset charset = charsetName == null || charsetName.isEmpty() ? null : CharsetUtil.lookup(charsetName.strip());
        return charset == null ? Octets.decodeGuessing(octets, 0, octets.length) : new String(octets, charset);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
