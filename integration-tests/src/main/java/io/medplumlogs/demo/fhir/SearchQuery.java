package io.medplumlogs.demo.fhir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the criteria of a conditional URL ({@code Patient?identifier=a|b} or {@code identifier=a|b}). */
final class SearchQuery {

    private SearchQuery() {
    }

    static Map<String, List<String>> parse(String url) {
        int q = url.indexOf('?');
        String query = q >= 0 ? url.substring(q + 1) : url;
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!name.startsWith("_") || name.equals("_id")) {
                criteria.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return criteria;
    }
}
