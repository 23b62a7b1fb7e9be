package io.medplumlogs.maven.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Whatever string the template holds, a YAML reader gets it back as written. SnakeYAML refuses the characters YAML
 * does not allow raw (C0/C1 controls, U+FFFE, U+FFFF, lone surrogates) exactly as PyYAML, which cfn-lint and
 * {@code aws cloudformation package} read templates with, does ("unacceptable character #x0093").
 */
class YamlTest {

    @Test
    void everyUtf16CodeUnitReadsBackAsWritten() {
        Map<String, Object> document = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) {
            all.append((char) c);
            // each character alone too, so a failure names it
            document.put(String.format("U%04X", c), String.valueOf((char) c));
        }
        document.put("all", all.toString());
        document.put("astral", "\uD83D\uDE00 \uD800\uDC00 \uDBFF\uDFFF"); // pairs stay characters above U+FFFF
        document.put("list", List.of("\u0093Login failed\u0094", "x\uFFFF"));

        assertThat(read(Yaml.write(document))).isEqualTo(document);
    }

    /** What a pasted Windows curly quote becomes when mis-decoded, as a key and as a value. */
    @Test
    void misDecodedCurlyQuotesAreEscapedNotWrittenRaw() {
        String yaml = Yaml.write(Map.of("\u0093k\u0094", "{ $.msg = \u0093Login failed\u0094 }"));
        assertThat(yaml).isEqualTo("\"\\u0093k\\u0094\": \"{ $.msg = \\u0093Login failed\\u0094 }\"\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String yaml) {
        return (Map<String, Object>) new org.yaml.snakeyaml.Yaml().load(yaml);
    }
}
