// logGroups=* with transport=firehose: the account policy sends to the stream and leaves out both own log groups
def out = new File(basedir, 'target/medplum-logs/splunk')
def second = new File(basedir, 'target/second-run/splunk')
['cloudformation/template.yaml', 'terraform/main.tf', 'README.md'].each {
    assert new File(out, it).text == new File(second, it).text : "$it differs between two runs"
}
def cfn = new File(out, 'cloudformation/template.yaml').text
['Type: "AWS::Logs::AccountPolicy"',
 'SelectionCriteria: "LogGroupName NOT IN [\\"/aws/lambda/medplum-logs-splunk\\", \\"/aws/kinesisfirehose/medplum-logs-splunk\\"]"',
 '- "DeliveryStream"', '- "LogsToFirehoseRole"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert !cfn.contains('AWS::Logs::SubscriptionFilter') && !cfn.contains('AWS::Lambda::Permission')
def tf = new File(out, 'terraform/main.tf').text
assert tf.contains('resource "aws_cloudwatch_log_account_policy" "subscription"')
assert tf.contains('RoleArn = aws_iam_role.logs.arn')
true
