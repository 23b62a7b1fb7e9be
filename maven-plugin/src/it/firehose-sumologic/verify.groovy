// Sumo Logic over Firehose with an existing secret: the one output that reads the secret in Terraform (a data source),
// with a function name CloudFormation cannot take as a stack name and log groups with every allowed character. The
// validators (src/validate) check it against the CloudFormation resource spec and the AWS provider's schema.
def out = new File(basedir, 'target/medplum-logs/sumologic')
def cfn = new File(out, 'cloudformation/template.yaml').text
['Url: "{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:sumo-url-AbCdEf:SecretString}}"',
 'LogGroupName: "/ecs/fhir.api_v2#blue-1"', 'DeliveryStreamName: "fhir_logs_sumo"', 'Key: "cost-center"', 'Value: "fhir:logs/1"'].each {
    assert cfn.contains(it) : "template.yaml lacks $it"
}
def tf = new File(out, 'terraform/main.tf').text
['data "aws_secretsmanager_secret_version" "sumologic_url"',
 'url = data.aws_secretsmanager_secret_version.sumologic_url.secret_string'].each {
    assert tf.contains(it) : "main.tf lacks $it"
}
def readme = new File(out, 'README.md').text
assert readme.contains('--stack-name fhir-logs-sumo ') : 'README names a stack CloudFormation takes'
assert readme.contains('--s3-bucket YOUR_BUCKET --capabilities CAPABILITY_IAM')
true
