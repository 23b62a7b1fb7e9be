package io.medplumlogs.maven.cloudformation;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The size of the template CloudFormation gets. The README deploys with {@code aws cloudformation package}, which
 * reads the template and writes it anew through PyYAML ({@code yaml.dump}, block style, ASCII only, 80 columns):
 * every non-ASCII character becomes an escape of 4, 6 or 10 bytes (x, u or U and hex digits after a backslash),
 * and a long scalar is folded onto indented lines, so a template just within the limit as we write it was 3.7% above
 * it once packaged (50 Cyrillic tags, 200 long groups, a long pattern with spaces). SnakeYAML's emitter is a port of
 * PyYAML's, so dumping with the same options counts what {@code package} writes; the zip's path is replaced by the S3
 * location {@code package} puts there, at its longest (a bucket name of 63 characters).
 */
final class PackagedSize {

    /** S3's longest bucket name; the key {@code package} writes is the zip's MD5, 32 hex digits. */
    private static final String BUCKET = "b".repeat(63);
    private static final String KEY = "0".repeat(32);

    private PackagedSize() {
    }

    /** The larger of the template as written and as {@code package} writes it, in bytes. */
    static int bytes(String template, String zipPath) {
        LoaderOptions loading = new LoaderOptions();
        loading.setCodePointLimit(Integer.MAX_VALUE);
        Object tree = new Yaml(loading).load(template);
        DumperOptions pyYamlDump = new DumperOptions();
        pyYamlDump.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        pyYamlDump.setAllowUnicode(false);
        pyYamlDump.setWidth(80);
        pyYamlDump.setIndent(2);
        pyYamlDump.setSplitLines(true);
        String packaged = new Yaml(pyYamlDump).dump(uploaded(tree, zipPath));
        return Math.max(template.getBytes(StandardCharsets.UTF_8).length,
                packaged.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The tree with each reference to the zip replaced by the S3 location {@code package} uploads it to. */
    private static Object uploaded(Object node, String zipPath) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, "Code".equals(k) && zipPath.equals(v)
                    ? new LinkedHashMap<>(Map.of("S3Bucket", BUCKET, "S3Key", KEY)) : uploaded(v, zipPath)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(v -> uploaded(v, zipPath)).toList();
        }
        return node;
    }
}
