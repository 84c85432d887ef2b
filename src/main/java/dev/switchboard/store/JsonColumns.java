package dev.switchboard.store;

import java.net.URI;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Values kept as JSON text in a column: one format for H2 and PostgreSQL. */
final class JsonColumns {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    String writeUris(List<URI> uris) {
        return write(uris.stream().map(URI::toString).toList());
    }

    Map<String, Object> readMap(String text) {
        return json.readValue(text, MAP);
    }

    Map<String, String> readStringMap(String text) {
        return json.readValue(text, STRING_MAP);
    }

    List<String> readStrings(String text) {
        return json.readValue(text, STRINGS);
    }

    List<URI> readUris(String text) {
        return json.readValue(text, STRINGS).stream().map(URI::create).toList();
    }
}
