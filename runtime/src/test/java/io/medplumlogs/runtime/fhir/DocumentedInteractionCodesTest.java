package io.medplumlogs.runtime.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * audit-lines.adoc's classification table is what a reader filters {@code interaction} by in a query; each code it
 * names must be one the classifier writes ({@link FhirInteraction}'s codes), and each code the classifier writes
 * must be in the table, or a query on it finds nothing, or a reader never learns of it.
 */
class DocumentedInteractionCodesTest {

    private static final Path PAGE = Path.of("..", "docs", "modules", "ROOT", "pages", "audit-lines.adoc");
    /** The codes a cell starts with: {@code `update`, `patch`, `delete` with ...}, {@code `batch` or ...}. */
    private static final Pattern LEADING_CODES = Pattern.compile(
            "^\\s*`[a-z]+(?:-[a-z]+)*`(?:(?:, | or )`[a-z]+(?:-[a-z]+)*`)*");
    private static final Pattern CODE = Pattern.compile("`([a-z]+(?:-[a-z]+)*)`");

    @Test
    void theClassificationTableNamesExactlyTheCodesTheClassifierWrites() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        Set<String> documented = codesInTheInteractionColumn(page);
        Set<String> written = codesTheClassifierWrites();
        assertThat(documented).as("codes in audit-lines.adoc's interaction column").isNotEmpty().isSubsetOf(written);
        Set<String> known = new LinkedHashSet<>(written);
        known.remove(FhirInteraction.UNKNOWN); // no row: it is what no row matches
        assertThat(documented).as("codes in audit-lines.adoc's interaction column").containsAll(known);
        assertThat(page).contains("`" + FhirInteraction.UNKNOWN + "`");
    }

    /** The codes each cell of the table's {@code interaction} column starts with. */
    static Set<String> codesInTheInteractionColumn(String adoc) {
        List<String> lines = adoc.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| Method | Path") && lines.get(i).contains("`interaction`")) {
                header = i;
            }
        }
        assertThat(header).as("the classification table's header row").isNotNegative();
        Set<String> codes = new LinkedHashSet<>();
        for (int i = header + 1; i < lines.size() && !lines.get(i).startsWith("|==="); i++) {
            String[] cells = lines.get(i).split("\\|");
            if (cells.length < 4) {
                continue;
            }
            Matcher leading = LEADING_CODES.matcher(cells[3]);
            if (leading.find()) {
                Matcher m = CODE.matcher(leading.group());
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }

    static Set<String> codesTheClassifierWrites() {
        return Arrays.stream(FhirInteraction.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(DocumentedInteractionCodesTest::value).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String value(Field f) {
        try {
            return (String) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
