def out = new File(basedir, 'target/medplum-logs/splunk')
def cfn = new File(out, 'cloudformation/template.yaml').text
['MEDPLUM_LOGS_VENDOR: "splunk"', 'MEDPLUM_LOGS_ENDPOINT: "https://http-inputs-example.splunkcloud.com"',
 'MEDPLUM_LOGS_SPLUNK_INDEX: "fhir"', 'MEDPLUM_LOGS_SPLUNK_SOURCETYPE: "_json"',
 'MEDPLUM_LOGS_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:splunk-hec-AbCdEf"',
 '- "arn:aws:sns:eu-west-1:123456789012:ops-alarms"',
 'FilterPattern: "{ $.level = \\"ERROR\\" || $.msg = \\"Request served\\" }"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert !cfn.contains('AWS::SecretsManager::Secret') && !cfn.contains('NoEcho')
def tf = new File(out, 'terraform/main.tf').text
assert tf.contains('MEDPLUM_LOGS_ENDPOINT = "https://http-inputs-example.splunkcloud.com"')
assert tf.contains('filter_pattern = "{ $.level = \\"ERROR\\" || $.msg = \\"Request served\\" }"')
assert !new File(out, 'terraform/variables.tf').text.contains('vendor_credential')
true
