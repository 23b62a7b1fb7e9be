// generate.adoc: Maven replaces ${name} in a parameter's value by the property of that name before the goal sees it
// (an unknown name stays as written); a vendor setting is read as given. Either way the output holds the value the
// goal got, with Terraform's ${ escaped.
def out = new File(basedir, 'target/medplum-logs/datadog')
def cfn = new File(out, 'cloudformation/template.yaml').text
def main = new File(out, 'terraform/main.tf').text
assert cfn.contains('FilterPattern: "{ $.app = \\"interpolation\\" || $.x = \\"${no.such.property}\\" }"')
assert cfn.contains('MEDPLUM_LOGS_DATADOG_SERVICE: "${project.artifactId}"')
assert main.contains('filter_pattern = "{ $.app = \\"interpolation\\" || $.x = \\"$${no.such.property}\\" }"')
assert main.contains('MEDPLUM_LOGS_DATADOG_SERVICE = "$${project.artifactId}"')
true
