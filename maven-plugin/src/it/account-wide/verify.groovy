// logGroups=* through the goal: one account policy instead of a filter per group, never the forwarder's own group
def out = new File(basedir, 'target/medplum-logs/datadog')
def second = new File(basedir, 'target/second-run/datadog')
['cloudformation/template.yaml', 'terraform/main.tf', 'README.md'].each {
    assert new File(out, it).text == new File(second, it).text : "$it differs between two runs"
}
def cfn = new File(out, 'cloudformation/template.yaml').text
['Type: "AWS::Logs::AccountPolicy"', 'PolicyType: "SUBSCRIPTION_FILTER_POLICY"',
 'SelectionCriteria: "LogGroupName NOT IN [\\"/aws/lambda/medplum-logs-datadog\\"]"',
 'Fn::Sub: "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
assert !cfn.contains('AWS::Logs::SubscriptionFilter') && !cfn.contains('AWS::Logs::MetricFilter')
def tf = new File(out, 'terraform/main.tf').text
assert tf.contains('resource "aws_cloudwatch_log_account_policy" "subscription"')
assert !tf.contains('aws_cloudwatch_log_subscription_filter')
assert new File(out, 'README.md').text.contains('every log group of the account')
true
