import java.nio.file.*

def out = new File(basedir, 'target/medplum-logs/datadog')
def version = new File(basedir, 'build.log').text.find(/medplum-logs-maven-plugin:([^:\s]+):generate/) { m, v -> v }
['cloudformation/template.yaml', 'terraform/main.tf', 'terraform/variables.tf', 'terraform/outputs.tf',
 'terraform/versions.tf', 'README.md', "medplum-logs-forwarder-${version}-lambda.zip"].each {
    assert new File(out, it).isFile() : "missing $it"
}
assert new File(out, "medplum-logs-forwarder-${version}-lambda.zip").length() > 0

def cfn = new File(out, 'cloudformation/template.yaml').text
['Runtime: "java21"', 'Handler: "io.medplumlogs.forwarder.ForwarderHandler::handleRequest"',
 'MEDPLUM_LOGS_VENDOR: "datadog"', 'MEDPLUM_LOGS_DATADOG_SITE: "datadoghq.eu"',
 'MEDPLUM_LOGS_DATADOG_SERVICE: "fhir-api"', 'NoEcho: true', 'Protocol: "email"', 'Endpoint: "ops@example.com"',
 'LogGroupName: "/ecs/my-fhir-api"', 'LogGroupName: "/ecs/my-fhir-worker"', 'Key: "team"',
 "Code: \"../medplum-logs-forwarder-${version}-lambda.zip\"", 'Input: "{\\"medplumLogs\\":\\"redrive\\"}"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert (cfn =~ /Type: "AWS::Logs::SubscriptionFilter"/).count == 2
def main = new File(out, 'terraform/main.tf').text
assert main.contains('MEDPLUM_LOGS_DATADOG_SITE = "datadoghq.eu"')
assert main.contains('"/ecs/my-fhir-worker"')
def readme = new File(out, 'README.md').text
assert readme.contains('aws cloudformation package') && readme.contains('aws cloudformation deploy')
assert readme.contains('terraform init') && readme.contains('terraform apply')
assert readme.contains('VendorCredential=')
// the secret was created on request (createSecret=true): the README and the variable warn about Terraform state
assert readme.contains('plain text into its state')
assert new File(out, 'terraform/variables.tf').text.contains('Terraform state')
// invocations Lambda gives up on go to a retained, watched on-failure queue
['OnFailure:', 'MEDPLUM_LOGS_ON_FAILURE_QUEUE_URL:', 'QueueName: "medplum-logs-datadog-on-failure"',
 'DeletionPolicy: "Retain"', 'MetricName: "ChunksDeadLettered"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert main.contains('prevent_destroy = true') && main.contains('destination = aws_sqs_queue.on_failure.arn')

// determinism: the second run wrote byte-identical files
def second = new File(basedir, 'target/second-run/datadog')
def files = { File root -> def list = []; root.eachFileRecurse(groovy.io.FileType.FILES) { list << root.toPath().relativize(it.toPath()).toString() }; list.sort() }
assert files(out) == files(second)
files(out).each { assert Arrays.equals(new File(out, it).bytes, new File(second, it).bytes) : "$it differs between runs" }
// nothing but the vendor folder: the staging folder is gone
assert new File(basedir, 'target/medplum-logs').list().toList() == ['datadog']
true
