package dev.assay.api.pods;

import java.util.Map;
import java.util.TreeMap;

/** The {@code env_json} column: the pod's environment as a JSON object, keys sorted. */
final class EnvJson {

    private EnvJson() {}

    static String write(Map<String, String> env) {
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, e.getKey());
            json.append(':');
            string(json, e.getValue());
        }
        return json.append('}').toString();
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
