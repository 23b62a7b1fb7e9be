package io.medplumlogs.forwarder.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CloudWatch Logs Insights queries a docs page quotes, read from its {@code [source]} blocks, and what each refers
 * to: the fields it reads and the values it compares them with. A reader of the page runs these as they are, so a
 * field the lines do not carry makes a query find nothing without any error.
 */
public final class InsightsQueries {

    /** The docs pages, from the module's directory. */
    public static final Path PAGES = Path.of("..", "docs", "modules", "ROOT", "pages");

    /** Fields Logs Insights adds to every event itself. */
    public static final Set<String> BUILT_IN = Set.of("@timestamp", "@message", "@logStream", "@log",
            "@ingestionTime");

    private static final Set<String> COMMANDS = Set.of("fields", "filter", "stats", "sort", "limit", "display",
            "dedup", "parse");
    private static final Set<String> KEYWORDS = Set.of("fields", "filter", "stats", "sort", "limit", "display",
            "dedup", "by", "and", "or", "not", "in", "as", "asc", "desc", "like");
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|@?[A-Za-z_][A-Za-z0-9_.]*|\\S");
    private static final Pattern COMPARISON = Pattern.compile(
            "(@?[A-Za-z_][A-Za-z0-9_.]*)\\s*(=|!=|<=|>=|<|>)\\s*(\"[^\"]*\"|-?\\d+(?:\\.\\d+)?)");
    private static final Pattern IN_LIST = Pattern.compile("(@?[A-Za-z_][A-Za-z0-9_.]*)\\s+in\\s+\\[([^\\]]*)]");

    private InsightsQueries() {
    }

    /** One query as the page shows it (its lines joined by a space). */
    public record Query(String text) {

        /** Every field the query reads; names it defines with {@code as} are not fields. */
        public Set<String> fields() {
            List<String> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(text);
            while (m.find()) {
                tokens.add(m.group());
            }
            Set<String> aliases = new LinkedHashSet<>();
            Set<String> fields = new LinkedHashSet<>();
            for (int i = 0; i < tokens.size(); i++) {
                String t = tokens.get(i);
                boolean identifier = Character.isLetter(t.charAt(0)) || t.charAt(0) == '_' || t.charAt(0) == '@';
                if (!identifier || KEYWORDS.contains(t)) {
                    continue;
                }
                if (i + 1 < tokens.size() && tokens.get(i + 1).equals("(")) {
                    continue; // a function: count, avg, ispresent, ...
                }
                if (i > 0 && tokens.get(i - 1).equals("as")) {
                    aliases.add(t);
                    continue;
                }
                fields.add(t);
            }
            fields.removeAll(aliases);
            return fields;
        }

        /** The literals each field is compared with ({@code =}, {@code <}, ..., {@code in [...]}), as written. */
        public Map<String, List<String>> comparedWith() {
            Map<String, List<String>> literals = new LinkedHashMap<>();
            Matcher m = COMPARISON.matcher(text);
            while (m.find()) {
                literals.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3));
            }
            Matcher in = IN_LIST.matcher(text);
            while (in.find()) {
                for (String item : in.group(2).split(",")) {
                    literals.computeIfAbsent(in.group(1), k -> new ArrayList<>()).add(item.trim());
                }
            }
            return literals;
        }
    }

    /** The Logs Insights queries among a page's {@code [source]} blocks: those that start with a query command. */
    public static List<Query> onPage(String page) {
        try {
            return inText(Files.readString(PAGES.resolve(page), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Query> inText(String adoc) {
        List<Query> queries = new ArrayList<>();
        String[] lines = adoc.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].trim().equals("[source]") && lines[i + 1].trim().equals("----")) {
                StringBuilder block = new StringBuilder();
                for (i += 2; i < lines.length && !lines[i].trim().equals("----"); i++) {
                    block.append(block.length() == 0 ? "" : " ").append(lines[i].trim());
                }
                String text = block.toString();
                if (COMMANDS.contains(text.split("\\s+", 2)[0])) {
                    queries.add(new Query(text));
                }
            }
        }
        return queries;
    }
}
