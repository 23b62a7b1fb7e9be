package io.medplumlogs.maven;

import static io.medplumlogs.maven.Requests.deployment;
import static org.assertj.core.api.Assertions.assertThat;

import io.medplumlogs.maven.cloudformation.CloudFormationRenderer;
import io.medplumlogs.maven.model.ForwarderDeployment;
import io.medplumlogs.maven.terraform.TerraformRenderer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * transports.adoc, "Changing transport": the other transport is deployed beside the old one, under a function name of
 * its own, and the old one is removed afterwards. That only works if no resource of the one has the physical name of a
 * resource of the other: AWS refuses a second function or log group of a name, and a subscription or metric filter of
 * the same name on the same group silently replaces the first (PutSubscriptionFilter "creates or updates"), so that
 * removing the old deployment would delete the new one's filter and its log lines would stop reaching the vendor.
 */
class ChangingTransportTest {

    private static final String NEW_NAME = "medplum-logs-datadog-firehose";

    @Test
    void anotherFunctionNameSharesNoPhysicalNameInEitherFormat() {
        for (String[] change : List.of(new String[] { "lambda", "firehose" }, new String[] { "firehose", "lambda" })) {
            GenerateRequest request = Requests.request("datadog", "/ecs/a,/ecs/b", Requests.SECRET_ARN, null,
                    Map.of());
            ForwarderDeployment old = deployment(request.withTransport(change[0]));
            ForwarderDeployment next = deployment(Requests.named(request, NEW_NAME).withTransport(change[1]));

            Set<String> shared = new TreeSet<>(cloudFormationNames(old));
            shared.retainAll(cloudFormationNames(next));
            assertThat(shared).as("CloudFormation, " + change[0] + " -> " + change[1]).isEmpty();

            shared = new TreeSet<>(terraformNames(old));
            shared.retainAll(terraformNames(next));
            assertThat(shared).as("Terraform, " + change[0] + " -> " + change[1]).isEmpty();
        }
    }

    /** Why the page asks for another name: the default is the same for both transports, and so are the names. */
    @Test
    void theSameFunctionNameCollidesOnTheFunctionAndTheFilters() {
        GenerateRequest request = Requests.request("datadog", "/ecs/a", Requests.SECRET_ARN, null, Map.of());
        ForwarderDeployment lambda = deployment(request.withTransport("lambda"));
        ForwarderDeployment firehose = deployment(request.withTransport("firehose"));
        Set<String> shared = new TreeSet<>(cloudFormationNames(lambda));
        shared.retainAll(cloudFormationNames(firehose));
        assertThat(shared).contains("AWS::Lambda::Function {FunctionName=medplum-logs-datadog}",
                "AWS::Logs::SubscriptionFilter {FilterName=medplum-logs-datadog, LogGroupName=/ecs/a}");
        shared = new TreeSet<>(terraformNames(lambda));
        shared.retainAll(terraformNames(firehose));
        assertThat(shared).contains("aws_lambda_function {function_name=medplum-logs-datadog}",
                "aws_cloudwatch_log_subscription_filter {name=medplum-logs-datadog}");
    }

    /**
     * Each resource as its type and the literal values of its {@code ...Name} properties, which is what AWS knows it
     * by (a name that is a reference to another resource of the stack is left out: that one is counted itself).
     */
    @SuppressWarnings("unchecked")
    private static Set<String> cloudFormationNames(ForwarderDeployment d) {
        Map<String, Object> resources = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                .load(CloudFormationRenderer.render(d))).get("Resources");
        Set<String> names = new TreeSet<>();
        resources.values().forEach(resource -> {
            Map<String, Object> r = (Map<String, Object>) resource;
            Map<String, Object> named = new TreeMap<>();
            ((Map<String, Object>) r.get("Properties")).forEach((key, value) -> {
                if (key.endsWith("Name") && value instanceof String) {
                    named.put(key, value);
                }
            });
            if (!named.isEmpty()) {
                names.add(r.get("Type") + " " + named);
            }
        });
        return names;
    }

    /**
     * The same for the module: each resource's type and its literal {@code name}-like attributes (an inline role policy
     * is named within its role, so it is left out; a {@code for_each} filter's group is {@code each.value}, the same
     * groups in both).
     */
    private static Set<String> terraformNames(ForwarderDeployment d) {
        Set<String> names = new TreeSet<>();
        Matcher block = Pattern.compile("(?ms)^resource \"([a-z0-9_]+)\" \"[a-z0-9_]+\" \\{\\n(.*?)^\\}")
                .matcher(TerraformRenderer.render(d).get("main.tf"));
        Pattern attribute = Pattern.compile("(?m)^  ((?:[a-z]+_)*name) += \"([^\"]*)\"$");
        while (block.find()) {
            Map<String, String> named = new TreeMap<>();
            Matcher a = attribute.matcher(block.group(2));
            while (a.find()) {
                named.put(a.group(1), a.group(2));
            }
            if (!named.isEmpty() && !block.group(1).equals("aws_iam_role_policy")) {
                names.add(block.group(1) + " " + named);
            }
        }
        assertThat(names).as("names read from main.tf").isNotEmpty();
        return names;
    }
}
