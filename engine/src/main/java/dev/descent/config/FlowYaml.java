package dev.descent.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A YAML value written on one line, in the form {@code --set} reads: {@code 0.5}, {@code [784,30,10]},
 * {@code {name: adam, beta1: 0.9}}, {@code quadratic}. Sequences carry no spaces so that a list of
 * overrides stays readable; strings are quoted only when YAML would read them as something else.
 */
final class FlowYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_./-]*");

    private FlowYaml() {
    }

    /** The value as one line of YAML that reads back to an equal node, or null when there is none. */
    static String render(JsonNode value) {
        String text = write(value);
        JsonNode back = text == null ? null : ConfigLoader.parseValue(text);
        return value.equals(back) ? text : null;
    }

    private static String write(JsonNode v) {
        return switch (v.getNodeType()) {
            case NUMBER -> v.isFloatingPointNumber() ? Double.toString(v.doubleValue()) : v.asText();
            case BOOLEAN -> Boolean.toString(v.booleanValue());
            case NULL -> "null";
            case STRING -> string(v.textValue());
            case ARRAY -> {
                List<String> items = new ArrayList<>();
                for (JsonNode item : v) items.add(write(item));
                yield items.contains(null) ? null : "[" + String.join(",", items) + "]";
            }
            case OBJECT -> {
                List<String> entries = new ArrayList<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    String item = write(e.getValue());
                    if (item == null) yield null;
                    entries.add(string(e.getKey()) + ": " + item);
                }
                yield "{" + String.join(", ", entries) + "}";
            }
            default -> null;
        };
    }

    private static String string(String s) {
        if (PLAIN.matcher(s).matches()) {
            JsonNode back = ConfigLoader.parseValue(s);
            if (back != null && back.isTextual() && back.textValue().equals(s)) return s;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) quoted.append(String.format("\\x%02x", (int) c));
                    else quoted.append(c);
                }
            }
        }
        return quoted.append('"').toString();
    }
}
