def out = new File(basedir, 'target/medplum-logs/sumologic')
def cfn = new File(out, 'cloudformation/template.yaml').text
['MEDPLUM_LOGS_VENDOR: "sumologic"', 'MEDPLUM_LOGS_SUMOLOGIC_CATEGORY: "prod/fhir"', 'MemorySize: 2048',
 'Timeout: 300', 'RetentionInDays: 90'].each { assert cfn.contains(it) : "template.yaml lacks $it" }
assert !cfn.contains('MEDPLUM_LOGS_ENDPOINT')
assert new File(out, 'terraform/variables.tf').text.contains('default = 2048')
assert new File(out, 'README.md').text.contains('HTTP source URL')
true
