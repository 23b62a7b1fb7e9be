// blank -D values are the defaults (generate.adoc): written where and as a run without them writes
def out = new File(basedir, 'target/medplum-logs/splunk')
assert new File(out, 'cloudformation/template.yaml').isFile() && new File(out, 'terraform/main.tf').isFile()
assert !new File(basedir, 'splunk').exists() : 'a blank outputDirectory wrote into the project folder'
def cfn = new File(out, 'cloudformation/template.yaml').text
['MemorySize: 1024', 'Timeout: 120', 'RetentionInDays: 30', 'MaximumRetryAttempts: 2',
 'MaximumEventAgeInSeconds: 21600', 'ScheduleExpression: "rate(15 minutes)"', 'Threshold: 20',
 '- "arm64"', 'ApplyOn: "PublishedVersions"', 'FunctionName: "medplum-logs-splunk"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert !cfn.contains('VendorCredential') : 'a blank createSecret created the secret'
true
