// transport=firehose end to end through the goal: a delivery stream, not a forwarder with queues
def out = new File(basedir, 'target/medplum-logs/datadog')
def second = new File(basedir, 'target/second-run/datadog')
['cloudformation/template.yaml', 'terraform/main.tf', 'terraform/variables.tf', 'terraform/outputs.tf',
 'terraform/versions.tf', 'README.md'].each {
    assert new File(out, it).text == new File(second, it).text : "$it differs between two runs"
}
def cfn = new File(out, 'cloudformation/template.yaml').text
['Type: "AWS::KinesisFirehose::DeliveryStream"', 'Url: "https://aws-kinesis-http-intake.logs.datadoghq.eu/v1/input"',
 'Handler: "io.medplumlogs.forwarder.firehose.FirehoseTransformHandler::handleRequest"',
 'S3BackupMode: "FailedDataOnly"', 'Fn::Sub: "{\\"api_key\\":\\"${VendorCredential}\\"}"',
 'MEDPLUM_LOGS_DATADOG_SERVICE: "fhir-api"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert !cfn.contains('AWS::SQS::Queue') && !cfn.contains('MEDPLUM_LOGS_DLQ_URL')
def tf = new File(out, 'terraform/main.tf').text
assert tf.contains('resource "aws_kinesis_firehose_delivery_stream" "vendor"')
def readme = new File(out, 'README.md').text
assert readme.contains('aws firehose describe-delivery-stream --delivery-stream-name medplum-logs-datadog')
assert readme.contains('{"api_key":"...'), 'README names the secret format Firehose reads'
true
