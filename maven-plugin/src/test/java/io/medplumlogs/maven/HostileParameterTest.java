package io.medplumlogs.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * generate.adoc: every value is written so that the tools read it back as given, and bad parameters fail with the
 * problem. For every text parameter the docs list and every hostile value (quotes, backslashes, a newline, Terraform's
 * {@code ${} and {@code %{}, non-ASCII, 1000 characters, blanks around it), the goal either refuses it naming the
 * parameter, or writes both formats so that CloudFormation (read back as YAML) and Terraform (its strings decoded as
 * HCL does: escapes, {@code $${}, {@code %%{}) hold the value, and no template sequence of the user's is live.
 */
class HostileParameterTest {

    private static final List<String> HOSTILE = List.of("a\"b", "a\\b", "a\nb", "${var.x}", "%{if true}x%{endif}",
            "ünïcødé ✓ 日本", "x".repeat(1000), " padded ", "'; rm -rf / #", "a`b`c", "a\u0001b\u0085c\uFFFEd\u2028e",
            "a\tb\rc", "\u001B[2J\u001B[31mred\n[INFO] BUILD SUCCESS", "half \uD800 a pair",
            "bidi \u202Etxt.exe\u2066 zero\u200Bwidth tag\uDB40\uDC41");

    /** Our own interpolations: references to the module's data sources, resources, variables and locals. */
    private static final Pattern OWN_INTERPOLATION = Pattern.compile(
            "(data|aws_[a-z0-9_]+|var|local|path|each)\\.[A-Za-z0-9_.\\[\\]\"]+");

    /** Record component of GenerateRequest, or a vendor setting's plugin property, and the vendor that reads it. */
    static Stream<Arguments> parametersAndValues() {
        List<String[]> parameters = List.of(new String[] { "vendor", "datadog" },
                new String[] { "logGroups", "datadog" }, new String[] { "formats", "datadog" },
                new String[] { "secretArn", "datadog" }, new String[] { "filterPattern", "datadog" },
                new String[] { "datadogSite", "datadog" }, new String[] { "splunkHecUrl", "splunk" },
                new String[] { "functionName", "datadog" }, new String[] { "redriveSchedule", "datadog" },
                new String[] { "alarmTopicArn", "datadog" }, new String[] { "alarmEmail", "datadog" },
                // the hostile text as the local part of an address: the only shape that gets past the e-mail rule
                new String[] { "alarmEmail", "datadog", "@example.com" },
                new String[] { "tags", "datadog" }, new String[] { "architecture", "datadog" },
                new String[] { "snapStart", "datadog" }, new String[] { "transport", "datadog" },
                new String[] { "medplum-logs.logGroupMapping", "datadog" },
                new String[] { "medplum-logs.datadog.service", "datadog" },
                new String[] { "medplum-logs.datadog.source", "datadog" },
                new String[] { "medplum-logs.datadog.tags", "datadog" },
                new String[] { "medplum-logs.splunk.index", "splunk" },
                new String[] { "medplum-logs.splunk.sourcetype", "splunk" },
                new String[] { "medplum-logs.splunk.source", "splunk" },
                new String[] { "medplum-logs.splunk.host", "splunk" },
                new String[] { "medplum-logs.splunk.maxEventBytes", "splunk" },
                new String[] { "medplum-logs.sumologic.category", "sumologic" },
                new String[] { "medplum-logs.sumologic.name", "sumologic" },
                new String[] { "medplum-logs.sumologic.host", "sumologic" },
                new String[] { "medplum-logs.sumologic.fields", "sumologic" });
        List<Arguments> all = new ArrayList<>();
        for (String[] p : parameters) {
            for (String value : HOSTILE) {
                for (String transport : List.of("lambda", "firehose")) {
                    all.add(Arguments.of(p[0], p[1], transport, p.length > 2 ? value + p[2] : value));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} ({2}) = {3}")
    @MethodSource("parametersAndValues")
    void aHostileValueIsRefusedByNameOrWrittenSoBothFormatsReadItBack(String parameter, String vendor,
            String transport, String value) throws Exception {
        GenerateRequest request = with(base(vendor).withTransport(transport), parameter, value);
        ForwarderDeployment deployment;
        try {
            deployment = DeploymentFactory.create(request);
        } catch (InvalidParametersException refused) {
            String property = parameter.startsWith("medplum-logs.") ? parameter : "medplum-logs." + (switch (parameter) {
                case "datadogSite" -> "datadog.site";
                case "splunkHecUrl" -> "splunk.hecUrl";
                default -> parameter;
            });
            assertThat(refused.getMessage()).as("the refusal names the parameter").contains(property);
            assertRefusalIsOneLinePerProblem(refused);
            return;
        }
        String cfn = CloudFormationRenderer.render(deployment);
        List<String> yamlStrings = new ArrayList<>();
        strings(new Yaml().load(cfn), yamlStrings);
        Map<String, String> tf = TerraformRenderer.render(deployment);
        List<String> hclStrings = new ArrayList<>();
        for (Map.Entry<String, String> file : tf.entrySet()) {
            hclStrings.addAll(hclStrings(file.getKey(), file.getValue()));
        }
        String kept = keptAs(value, yamlStrings, hclStrings);
        assertThat(yamlStrings).as("template.yaml read back holds " + kept).anyMatch(s -> s.contains(kept));
        assertThat(hclStrings).as("the Terraform strings, decoded, hold " + kept).anyMatch(s -> s.contains(kept));
    }

    /**
     * With {@code logGroups=*} the filter pattern also goes into the account policy's JSON document, which the
     * template builds as text ({@code Fn::Join}): read back as JSON, it holds the pattern as given.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileValues")
    void theAccountPolicysJsonDocumentHoldsAHostileFilterPattern(String pattern) throws Exception {
        ForwarderDeployment deployment;
        try {
            deployment = DeploymentFactory.create(with(Requests.request("datadog", "*", Requests.SECRET_ARN, null,
                    Map.of()), "filterPattern", pattern));
        } catch (InvalidParametersException refused) {
            assertThat(refused.getMessage()).contains("medplum-logs.filterPattern");
            assertRefusalIsOneLinePerProblem(refused);
            return;
        }
        Map<String, Object> template = new Yaml().load(CloudFormationRenderer.render(deployment));
        @SuppressWarnings("unchecked")
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Object join = resources.values().stream().map(r -> (Map<?, ?>) r)
                .filter(r -> "AWS::Logs::AccountPolicy".equals(r.get("Type")))
                .map(r -> ((Map<?, ?>) ((Map<?, ?>) r.get("Properties")).get("PolicyDocument")).get("Fn::Join"))
                .findFirst().orElseThrow();
        StringBuilder json = new StringBuilder();
        for (Object part : (List<?>) ((List<?>) join).get(1)) {
            json.append(part instanceof String text ? text : "arn:placeholder");
        }
        Map<?, ?> document = new Yaml().load(json.toString());
        assertThat(document.get("FilterPattern")).isEqualTo(pattern);
    }

    /**
     * A valid value with blanks around it (a copy-paste, a script's quoting): refused by name, or written without them,
     * never with them (an ARN or URL with a blank is one AWS refuses at deploy time, or one that matches nothing).
     */
    @ParameterizedTest(name = "{0} = ''{2}''")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "secretArn|datadog|arn:aws:secretsmanager:eu-west-1:123456789012:secret:vendor-key-AbCdEf",
            "alarmTopicArn|datadog|arn:aws:sns:eu-west-1:123456789012:ops-alarms",
            "splunkHecUrl|splunk|https://hec.example.com", "alarmEmail|datadog|ops@example.com",
            "logGroups|datadog|/ecs/other-api", "functionName|datadog|my-forwarder", "tags|datadog|team=platform",
            "datadogSite|datadog|datadoghq.eu", "redriveSchedule|datadog|rate(5 minutes)",
            "medplum-logs.datadog.service|datadog|fhir-api", "medplum-logs.splunk.index|splunk|fhir",
            "medplum-logs.sumologic.category|sumologic|prod/fhir" })
    void aValidValueWithBlanksAroundItIsRefusedByNameOrWrittenWithoutThem(String parameter, String vendor,
            String valid) throws Exception {
        for (String padded : List.of(" " + valid, valid + " ", "\t" + valid + "\n")) {
            ForwarderDeployment deployment;
            try {
                deployment = DeploymentFactory.create(with(base(vendor), parameter, padded));
            } catch (InvalidParametersException refused) {
                assertThat(refused.getMessage()).contains(parameter.startsWith("medplum-logs.") ? parameter
                        : "medplum-logs." + parameter.replace("datadogSite", "datadog.site")
                                .replace("splunkHecUrl", "splunk.hecUrl"));
                continue;
            }
            ForwarderDeployment trimmed = DeploymentFactory.create(with(base(vendor), parameter, valid));
            assertThat(CloudFormationRenderer.render(deployment)).as("'" + padded + "' written as '" + valid + "'")
                    .isEqualTo(CloudFormationRenderer.render(trimmed));
            assertThat(TerraformRenderer.render(deployment)).as("'" + padded + "' written as '" + valid + "'")
                    .isEqualTo(TerraformRenderer.render(trimmed));
        }
    }

    /**
     * The refusal is printed as Maven's error: a value quoted in it must not start a line of its own (a forged
     * "[INFO] BUILD SUCCESS") nor send a control sequence to the terminal, so it is quoted escaped.
     */
    static void assertRefusalIsOneLinePerProblem(InvalidParametersException refused) {
        String[] lines = refused.getMessage().split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).as("line " + (i + 1) + " of the refusal").startsWith("  - ");
        }
        assertThat(refused.getMessage().replace("\n", "").chars())
                .as("no control character in the refusal but its own line breaks")
                .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029);
        assertThat(refused.getMessage().codePoints())
                .as("no invisible format character in the refusal (a bidirectional override reorders what follows"
                        + " it on the line, a zero-width space or a tag character hides what is wrong with the value)")
                .noneMatch(c -> Character.getType(c) == Character.FORMAT);
    }

    static Stream<String> hostileValues() {
        return HOSTILE.stream();
    }

    /** A value accepted with its surrounding blanks trimmed is held trimmed, in both formats alike. */
    private static String keptAs(String value, List<String> yaml, List<String> hcl) {
        return yaml.stream().anyMatch(s -> s.contains(value)) ? value : value.strip();
    }

    private static GenerateRequest base(String vendor) {
        return Requests.request(vendor, "/ecs/my-fhir-api", Requests.SECRET_ARN,
                vendor.equals("splunk") ? "https://hec.example.com" : null, Map.of());
    }

    /** The request with one record component, or one vendor setting, set to {@code value}. */
    static GenerateRequest with(GenerateRequest r, String parameter, String value) throws Exception {
        RecordComponent[] components = GenerateRequest.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getAccessor().invoke(r);
            if (components[i].getName().equals(parameter)) {
                values[i] = value;
            }
            if (components[i].getName().equals("vendorSettings") && parameter.startsWith("medplum-logs.")) {
                Map<String, String> settings = new TreeMap<>(r.vendorSettings());
                settings.put(parameter, value);
                values[i] = settings;
            }
        }
        return GenerateRequest.class.getDeclaredConstructor(types).newInstance(values);
    }

    private static void strings(Object node, List<String> out) {
        if (node instanceof String s) {
            out.add(s);
        } else if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                strings(k, out);
                strings(v, out);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> strings(v, out));
        }
    }

    /**
     * Every quoted string of an HCL file, decoded as Terraform reads it; an interpolation must be one of the module's
     * own references and a directive ({@code %{}) none at all, or a user's text would be evaluated.
     */
    static List<String> hclStrings(String file, String hcl) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < hcl.length()) {
            char c = hcl.charAt(i);
            if (c == '#') {
                i = hcl.indexOf('\n', i) < 0 ? hcl.length() : hcl.indexOf('\n', i);
                continue;
            }
            if (c != '"') {
                i++;
                continue;
            }
            StringBuilder s = new StringBuilder();
            i++;
            while (true) {
                assertThat(i).as(file + ": a string ends before the file").isLessThan(hcl.length());
                char d = hcl.charAt(i);
                assertThat(d).as(file + ": a raw line break inside a string").isNotEqualTo('\n');
                if (d == '"') {
                    i++;
                    break;
                }
                if (d == '\\') {
                    char e = hcl.charAt(i + 1);
                    switch (e) {
                        case 'n' -> s.append('\n');
                        case 'r' -> s.append('\r');
                        case 't' -> s.append('\t');
                        case '"' -> s.append('"');
                        case '\\' -> s.append('\\');
                        case 'u' -> {
                            s.append((char) Integer.parseInt(hcl.substring(i + 2, i + 6), 16));
                            i += 4;
                        }
                        case 'U' -> {
                            s.appendCodePoint(Integer.parseInt(hcl.substring(i + 2, i + 10), 16));
                            i += 8;
                        }
                        default -> throw new AssertionError(file + ": unknown escape \\" + e);
                    }
                    i += 2;
                } else if (hcl.startsWith("$${", i) || hcl.startsWith("%%{", i)) {
                    s.append(d).append('{');
                    i += 3;
                } else if (hcl.startsWith("${", i)) {
                    int end = hcl.indexOf('}', i);
                    String reference = hcl.substring(i + 2, end);
                    assertThat(reference).as(file + ": a live interpolation that is not the module's own")
                            .matches(OWN_INTERPOLATION);
                    s.append("${").append(reference).append('}');
                    i = end + 1;
                } else if (hcl.startsWith("%{", i)) {
                    throw new AssertionError(file + ": a live template directive: " + hcl.substring(i,
                            Math.min(hcl.length(), i + 40)));
                } else {
                    s.append(d);
                    i++;
                }
            }
            out.add(s.toString());
        }
        return out;
    }
}
