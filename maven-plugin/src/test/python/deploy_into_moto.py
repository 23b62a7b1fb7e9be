#!/usr/bin/env python3
"""Lints a generated CloudFormation template with cfn-lint and deploys it into a running moto_server.

Usage: deploy_into_moto.py <endpoint> <template.yaml> <stack name> <parameters as JSON object> <report.json>

Steps, each as a user's deploy would do them:
 1. package: upload the zip the function's Code points to into S3 and put the S3 location in its place
    (what `aws cloudformation package` does), writing packaged.yaml next to the template;
 2. cfn-lint the packaged template (all rules, the template's region);
 3. create the stack in moto's CloudFormation; a secret the template creates is made through the API first and its
    ARN put where the template refers to it (moto's CloudFormation has no Secrets Manager support, so the
    function and the role would otherwise get no ARN);
 4. create the resources whose types moto 5.2.1's CloudFormation skips, through moto's service APIs, from the
    template's own properties with Ref / Fn::GetAtt / Fn::Sub resolved against what the stack created; the
    published version and its alias (moto's CloudFormation has no AWS::Lambda::Alias and no Fn::GetAtt on a
    version) and everything that refers to them are left out of the stack and created this way too;
 5. read everything back through the service APIs and write it as report.json for the Java test to assert on.

Exits 0 with the report even when cfn-lint finds errors (the test asserts on them); exits non-zero when a step
cannot be carried out, with the reason on stderr.
"""
import ast
import hashlib
import json
import os
import sys

import boto3
import yaml
from cfnlint.api import ManualArgs, lint_file
from moto.cloudformation.parsing import resource_class_from_type

REGION = "eu-west-1"
BUCKET = "medplum-logs-packages"
# Properties that moto's CloudFormation ignores for these types are set through the service API afterwards.
# QueryDefinition: moto 5.2.1 has neither CloudFormation nor API support; it is covered by cfn-lint only.
# AccountPolicy: moto 5.2.1's logs backend has no put_account_policy either.
LINT_ONLY = {"AWS::Logs::QueryDefinition", "AWS::Logs::AccountPolicy"}
# Types that moto's CloudFormation cannot create or refer to; they and their dependents are created through the API.
AFTER_STACK = {"AWS::Lambda::Version", "AWS::Lambda::Alias"}
DYNAMIC_SECRET = "{{resolve:secretsmanager:"


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="testing", aws_secret_access_key="testing")


def package(template_path, endpoint):
    with open(template_path, encoding="utf-8") as f:
        template = yaml.safe_load(f)
    s3 = client("s3", endpoint)
    if BUCKET not in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": REGION})
    for resource in template["Resources"].values():
        code = resource.get("Properties", {}).get("Code")
        if resource["Type"] == "AWS::Lambda::Function" and isinstance(code, str):
            zip_path = os.path.normpath(os.path.join(os.path.dirname(template_path), code))
            with open(zip_path, "rb") as z:
                body = z.read()
            key = hashlib.md5(body).hexdigest()
            s3.put_object(Bucket=BUCKET, Key=key, Body=body)
            resource["Properties"]["Code"] = {"S3Bucket": BUCKET, "S3Key": key}
    packaged = os.path.join(os.path.dirname(template_path), "packaged.yaml")
    with open(packaged, "w", encoding="utf-8") as f:
        yaml.safe_dump(template, f, sort_keys=False)
    return template, packaged


def lint(packaged):
    matches = lint_file(__import__("pathlib").Path(packaged), config=ManualArgs(regions=[REGION]))
    found = [{"rule": m.rule.id, "level": m.rule.severity, "message": m.message,
              "path": "/".join(str(p) for p in (m.path or []))} for m in matches]
    return ([m for m in found if m["level"].lower() == "error"],
            [m for m in found if m["level"].lower() != "error"])


class Resolver:
    """Ref / Fn::GetAtt / Fn::Sub as CloudFormation resolves them, against what exists in moto."""

    def __init__(self, endpoint, template, parameters, physical):
        self.endpoint = endpoint
        self.template = template
        self.parameters = parameters
        self.physical = physical
        self.account = client("sts", endpoint).get_caller_identity()["Account"]

    def type_of(self, logical):
        return self.template["Resources"][logical]["Type"]

    def ref(self, name):
        pseudo = {"AWS::AccountId": self.account, "AWS::Region": REGION, "AWS::Partition": "aws"}
        if name in pseudo:
            return pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        return self.physical[name]

    def get_att(self, logical, attribute):
        kind, pid = self.type_of(logical), self.physical[logical]
        if kind == "AWS::Lambda::Version" and attribute == "Version":
            return pid
        if kind == "AWS::SQS::Queue":
            attrs = client("sqs", self.endpoint).get_queue_attributes(QueueUrl=pid, AttributeNames=["QueueArn"])
            arn = attrs["Attributes"]["QueueArn"]
            return {"Arn": arn, "QueueName": arn.rsplit(":", 1)[1]}[attribute]
        if kind == "AWS::Lambda::Function" and attribute == "Arn":
            return client("lambda", self.endpoint).get_function(FunctionName=pid)["Configuration"]["FunctionArn"]
        if kind == "AWS::IAM::Role" and attribute == "Arn":
            return client("iam", self.endpoint).get_role(RoleName=pid)["Role"]["Arn"]
        if kind == "AWS::Events::Rule" and attribute == "Arn":
            return client("events", self.endpoint).describe_rule(Name=pid)["Arn"]
        if kind == "AWS::S3::Bucket" and attribute == "Arn":
            return f"arn:aws:s3:::{pid}"
        if kind == "AWS::KinesisFirehose::DeliveryStream" and attribute == "Arn":
            return client("firehose", self.endpoint).describe_delivery_stream(
                DeliveryStreamName=pid)["DeliveryStreamDescription"]["DeliveryStreamARN"]
        raise ValueError(f"no resolver for Fn::GetAtt {logical}.{attribute} ({kind})")

    def dynamic(self, text):
        """A {{resolve:secretsmanager:<arn>:SecretString}} reference, as CloudFormation resolves it at deploy time."""
        while DYNAMIC_SECRET in text:
            start = text.index(DYNAMIC_SECRET)
            end = text.index("}}", start)
            secret = text[start + len(DYNAMIC_SECRET):end].removesuffix(":SecretString")
            value = client("secretsmanager", self.endpoint).get_secret_value(SecretId=secret)["SecretString"]
            text = text[:start] + value + text[end + 2:]
        return text

    def resolve(self, value):
        if isinstance(value, str):
            return self.dynamic(value)
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not isinstance(value, dict):
            return value
        if set(value) == {"Ref"}:
            return self.ref(value["Ref"])
        if set(value) == {"Fn::GetAtt"}:
            return self.get_att(*value["Fn::GetAtt"])
        if set(value) == {"Fn::Sub"}:
            text = value["Fn::Sub"]
            while "${" in text:
                start = text.index("${")
                end = text.index("}", start)
                name = text[start + 2:end]
                resolved = self.get_att(*name.split(".", 1)) if "." in name and not name.startswith("AWS::") \
                    else self.ref(name)
                text = text[:start] + str(resolved) + text[end + 1:]
            return self.dynamic(text)
        return {k: self.resolve(v) for k, v in value.items()}


def create_secrets_first(endpoint, template, parameters):
    """Returns the template to deploy, with each created secret's Ref replaced by the ARN of the secret made here."""
    resolver = Resolver(endpoint, template, parameters, {})
    arns = {}
    for logical, resource in template["Resources"].items():
        if resource["Type"] == "AWS::SecretsManager::Secret":
            p = resolver.resolve(resource["Properties"])
            arns[logical] = client("secretsmanager", endpoint).create_secret(
                Name=logical, Description=p["Description"], SecretString=p["SecretString"])["ARN"]

    def substitute(value):
        if isinstance(value, list):
            return [substitute(v) for v in value]
        if isinstance(value, dict):
            if set(value) == {"Ref"} and value["Ref"] in arns:
                return arns[value["Ref"]]
            return {k: substitute(v) for k, v in value.items()}
        return value

    deployed = substitute(template)
    for logical in arns:
        del deployed["Resources"][logical]
    return deployed, arns


def referenced(value):
    """Logical ids a property value refers to with Ref, Fn::GetAtt or Fn::Sub."""
    found = set()
    if isinstance(value, list):
        for v in value:
            found |= referenced(v)
    elif isinstance(value, dict):
        if set(value) == {"Ref"}:
            found.add(value["Ref"])
        elif set(value) == {"Fn::GetAtt"}:
            found.add(value["Fn::GetAtt"][0])
        elif set(value) == {"Fn::Sub"}:
            text = value["Fn::Sub"]
            while "${" in text:
                start = text.index("${")
                end = text.index("}", start)
                found.add(text[start + 2:end].split(".", 1)[0])
                text = text[end + 1:]
        else:
            for v in value.values():
                found |= referenced(v)
    return found


def defer_what_needs_unsupported(template):
    """moto's CloudFormation refuses a stack whose resources or outputs point at a type it cannot create (the
    Firehose delivery stream): those resources are created through the service APIs after it, and such outputs are
    left out (nothing reads them here). Returns the template to deploy and the deferred logical ids."""
    resources = template["Resources"]
    unsupported = {k for k, r in resources.items() if resource_class_from_type(r["Type"]) is None}
    deferred = set()
    changed = True
    while changed:
        changed = False
        for logical, r in resources.items():
            if logical in unsupported or logical in deferred:
                continue
            if referenced(r.get("Properties", {})) & (unsupported | deferred):
                deferred.add(logical)
                changed = True
    deployed = dict(template)
    deployed["Resources"] = {k: r for k, r in resources.items() if k not in deferred}
    deployed["Outputs"] = {k: o for k, o in template.get("Outputs", {}).items()
                           if not referenced(o) & (unsupported | deferred)}
    return deployed, deferred


def create_role(endpoint, logical, p):
    iam = client("iam", endpoint)
    name = f"{logical}-moto"
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(p["AssumeRolePolicyDocument"]))
    for policy in p.get("Policies", []):
        iam.put_role_policy(RoleName=name, PolicyName=policy["PolicyName"],
                            PolicyDocument=json.dumps(policy["PolicyDocument"]))
    return name


def complete_buckets(endpoint, template, resolver):
    """moto's CloudFormation creates a bucket but ignores some of its properties: whatever it left unset is set
    through the S3 API from the template's own values (CloudFormation's names translated to the API's)."""
    s3 = client("s3", endpoint)
    done = {}
    for logical, resource in template["Resources"].items():
        if resource["Type"] != "AWS::S3::Bucket" or logical not in resolver.physical:
            continue
        bucket, p, set_here = resolver.physical[logical], resource.get("Properties", {}), []

        def missing(call):
            try:
                call(Bucket=bucket)
                return False
            except s3.exceptions.ClientError:
                return True

        if "PublicAccessBlockConfiguration" in p and missing(s3.get_public_access_block):
            s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=p["PublicAccessBlockConfiguration"])
            set_here.append("PublicAccessBlockConfiguration")
        if "BucketEncryption" in p and missing(s3.get_bucket_encryption):
            rules = [{"ApplyServerSideEncryptionByDefault": r["ServerSideEncryptionByDefault"]}
                     for r in p["BucketEncryption"]["ServerSideEncryptionConfiguration"]]
            s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": rules})
            set_here.append("BucketEncryption")
        if "LifecycleConfiguration" in p and missing(s3.get_bucket_lifecycle_configuration):
            rules = [{"ID": r["Id"], "Status": r["Status"], "Filter": {"Prefix": ""},
                      "Expiration": {"Days": r["ExpirationInDays"]},
                      "AbortIncompleteMultipartUpload": r["AbortIncompleteMultipartUpload"]}
                     for r in p["LifecycleConfiguration"]["Rules"]]
            s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
            set_here.append("LifecycleConfiguration")
        if "OwnershipControls" in p and missing(s3.get_bucket_ownership_controls):
            s3.put_bucket_ownership_controls(Bucket=bucket, OwnershipControls=p["OwnershipControls"])
            set_here.append("OwnershipControls")
        done[logical] = set_here
    return done


def create_skipped(endpoint, template, resolver, skipped):
    """Creates, in template order, what moto's CloudFormation skipped; returns logical id -> what was done."""
    done = {}
    for logical, resource in template["Resources"].items():
        if logical not in skipped:
            continue
        kind = resource["Type"]
        p = resolver.resolve(resource.get("Properties", {}))
        if kind == "AWS::Lambda::Version":
            function = client("lambda", endpoint).publish_version(
                FunctionName=p["FunctionName"], Description=p.get("Description", ""))
            resolver.physical[logical] = function["Version"]
        elif kind == "AWS::Lambda::Alias":
            alias = client("lambda", endpoint).create_alias(
                FunctionName=p["FunctionName"], Name=p["Name"], FunctionVersion=p["FunctionVersion"],
                Description=p.get("Description", ""))
            resolver.physical[logical] = alias["AliasArn"]
        elif kind == "AWS::Lambda::Permission":
            client("lambda", endpoint).add_permission(
                FunctionName=p["FunctionName"], StatementId=logical, Action=p["Action"], Principal=p["Principal"],
                SourceArn=p["SourceArn"], SourceAccount=p["SourceAccount"])
            resolver.physical[logical] = logical
        elif kind == "AWS::Events::Rule":
            events = client("events", endpoint)
            events.put_rule(Name=p["Name"], Description=p["Description"],
                            ScheduleExpression=p["ScheduleExpression"], State=p["State"])
            events.put_targets(Rule=p["Name"], Targets=p["Targets"])
            resolver.physical[logical] = p["Name"]
        elif kind == "AWS::Lambda::EventInvokeConfig":
            client("lambda", endpoint).put_function_event_invoke_config(
                FunctionName=p["FunctionName"], Qualifier=p["Qualifier"],
                MaximumRetryAttempts=p["MaximumRetryAttempts"],
                MaximumEventAgeInSeconds=p["MaximumEventAgeInSeconds"],
                DestinationConfig=p.get("DestinationConfig", {}))
            resolver.physical[logical] = p["FunctionName"]
        elif kind == "AWS::Logs::SubscriptionFilter":
            role = {"roleArn": p["RoleArn"]} if "RoleArn" in p else {}
            client("logs", endpoint).put_subscription_filter(
                logGroupName=p["LogGroupName"], filterName=p["FilterName"], filterPattern=p["FilterPattern"],
                destinationArn=p["DestinationArn"], **role)
            resolver.physical[logical] = p["FilterName"]
        elif kind == "AWS::Logs::LogStream":
            client("logs", endpoint).create_log_stream(logGroupName=p["LogGroupName"],
                                                       logStreamName=p["LogStreamName"])
            resolver.physical[logical] = p["LogStreamName"]
        elif kind == "AWS::S3::BucketPolicy":
            client("s3", endpoint).put_bucket_policy(Bucket=p["Bucket"], Policy=json.dumps(p["PolicyDocument"]))
            resolver.physical[logical] = p["Bucket"]
        elif kind == "AWS::KinesisFirehose::DeliveryStream":
            # the CloudFormation properties are the API's, except for numbers the API takes as they are
            client("firehose", endpoint).create_delivery_stream(**p)
            resolver.physical[logical] = p["DeliveryStreamName"]
        elif kind == "AWS::Logs::MetricFilter":
            client("logs", endpoint).put_metric_filter(
                logGroupName=p["LogGroupName"], filterName=p["FilterName"], filterPattern=p["FilterPattern"],
                metricTransformations=[{"metricName": t["MetricName"], "metricNamespace": t["MetricNamespace"],
                                        "metricValue": t["MetricValue"]} for t in p["MetricTransformations"]])
            resolver.physical[logical] = p["FilterName"]
        elif kind == "AWS::CloudWatch::Alarm":
            args = {k: v for k, v in p.items() if k != "Threshold"}
            client("cloudwatch", endpoint).put_metric_alarm(Threshold=float(p["Threshold"]), **args)
            resolver.physical[logical] = p["AlarmName"]
        elif kind == "AWS::IAM::Role":
            resolver.physical[logical] = create_role(endpoint, logical, p)
        elif kind in LINT_ONLY:
            done[logical] = "lint only"
            continue
        else:
            raise ValueError(f"{logical}: moto's CloudFormation skipped {kind} and this script cannot create it")
        done[logical] = "service API"
    return done


def refers_to(value, names):
    """Whether a template value refers (Ref, Fn::GetAtt, Fn::Sub) to one of the logical ids in names."""
    if isinstance(value, list):
        return any(refers_to(v, names) for v in value)
    if isinstance(value, dict):
        if value.get("Ref") in names:
            return True
        if "Fn::GetAtt" in value and value["Fn::GetAtt"][0] in names:
            return True
        if "Fn::Sub" in value and any("${" + n in str(value["Fn::Sub"]) for n in names):
            return True
        return any(refers_to(v, names) for v in value.values())
    return False


def split_after_stack(template):
    """The template moto's CloudFormation gets, and the logical ids left for the API: AFTER_STACK types and all
    that refers to or depends on them (outputs that refer to them are dropped)."""
    resources = template["Resources"]
    later = {k for k, r in resources.items() if r["Type"] in AFTER_STACK}
    grew = True
    while grew:
        grew = False
        for logical, resource in resources.items():
            if logical in later:
                continue
            depends = resource.get("DependsOn", [])
            depends = [depends] if isinstance(depends, str) else depends
            if refers_to(resource.get("Properties", {}), later) or any(d in later for d in depends):
                later.add(logical)
                grew = True
    stack = dict(template)
    stack["Resources"] = {k: r for k, r in resources.items() if k not in later}
    stack["Outputs"] = {k: o for k, o in template.get("Outputs", {}).items() if not refers_to(o, later)}
    return stack, later


def document(policy):
    """moto keeps a policy that came from a template as the text of a Python dict, not as JSON."""
    if isinstance(policy, dict):
        return policy
    try:
        return json.loads(policy)
    except ValueError:
        return ast.literal_eval(policy)


def create_subscribed_groups(endpoint, template):
    """The application's log groups exist before the forwarder is deployed (the README says so)."""
    logs = client("logs", endpoint)
    existing = {g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]}
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Logs::SubscriptionFilter":
            name = resource["Properties"]["LogGroupName"]
            if name not in existing:
                logs.create_log_group(logGroupName=name)
                existing.add(name)


def resource_policy_bytes(lam, function_name, alias):
    """The policy's size as Lambda counts it against its 20,480 bytes: its JSON without spaces."""
    try:
        qualifier = {"Qualifier": alias["Name"]} if alias else {}
        policy = json.loads(lam.get_policy(FunctionName=function_name, **qualifier)["Policy"])
        return len(json.dumps(policy, separators=(",", ":")))
    except lam.exceptions.ResourceNotFoundException:
        return 0


def resource_policy(lam, function_name, alias):
    """Who may invoke what the triggers invoke (the alias, else the function): its resource policy's statements."""
    try:
        qualifier = {"Qualifier": alias["Name"]} if alias else {}
        return json.loads(lam.get_policy(FunctionName=function_name, **qualifier)["Policy"])["Statement"]
    except lam.exceptions.ResourceNotFoundException:
        return []


def observe(endpoint, template, physical, function_logical):
    lam, sqs, iam, logs, cw = (client(s, endpoint) for s in ("lambda", "sqs", "iam", "logs", "cloudwatch"))
    function_name = physical[function_logical]
    fn = lam.get_function_configuration(FunctionName=function_name)
    alias_logical = next((k for k, r in template["Resources"].items() if r["Type"] == "AWS::Lambda::Alias"), None)
    alias = lam.get_alias(FunctionName=function_name, Name=template["Resources"][alias_logical]["Properties"]["Name"]) \
        if alias_logical else None
    versions = [v["Version"] for v in lam.list_versions_by_function(FunctionName=function_name)["Versions"]]
    role_name = fn["Role"].rsplit("/", 1)[1]
    policies = [document(iam.get_role_policy(RoleName=role_name, PolicyName=n)["PolicyDocument"])
                for n in iam.list_role_policies(RoleName=role_name)["PolicyNames"]]
    queues = {}
    for url in sqs.list_queues().get("QueueUrls", []):
        queues[url] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    groups = {g["logGroupName"]: g for g in logs.describe_log_groups()["logGroups"]}
    subscriptions = {name: logs.describe_subscription_filters(logGroupName=name)["subscriptionFilters"]
                     for name in groups}
    metric_filters = logs.describe_metric_filters()["metricFilters"]
    alarms = cw.describe_alarms()["MetricAlarms"]
    secret_arn = fn["Environment"]["Variables"].get("MEDPLUM_LOGS_SECRET_ARN")
    sm = client("secretsmanager", endpoint)
    secrets = sm.list_secrets()["SecretList"]
    secret_value = sm.get_secret_value(SecretId=secret_arn)["SecretString"] \
        if secret_arn in [s["ARN"] for s in secrets] else None
    firehose = client("firehose", endpoint)
    streams = {n: firehose.describe_delivery_stream(DeliveryStreamName=n)["DeliveryStreamDescription"]
               for n in firehose.list_delivery_streams()["DeliveryStreamNames"]}
    s3 = client("s3", endpoint)
    buckets = {}
    for b in s3.list_buckets()["Buckets"]:
        name = b["Name"]
        if name == BUCKET:
            continue
        buckets[name] = {
            "encryption": s3.get_bucket_encryption(Bucket=name)["ServerSideEncryptionConfiguration"],
            "publicAccessBlock": s3.get_public_access_block(Bucket=name)["PublicAccessBlockConfiguration"],
            "lifecycle": s3.get_bucket_lifecycle_configuration(Bucket=name)["Rules"],
            "policy": json.loads(s3.get_bucket_policy(Bucket=name)["Policy"]),
        }
    roles = {r["RoleName"]: {"trust": document(r["AssumeRolePolicyDocument"]), "arn": r["Arn"]}
             for r in iam.list_roles()["Roles"]}
    log_streams = {n: [s["logStreamName"] for s in logs.describe_log_streams(logGroupName=n)["logStreams"]]
                   for n in groups}
    return {
        "permissions": resource_policy(lam, function_name, alias),
        "resourcePolicyBytes": resource_policy_bytes(lam, function_name, alias),
        "deliveryStreams": streams,
        "buckets": buckets,
        "roles": roles,
        "logStreams": log_streams,
        "function": {k: fn.get(k) for k in ("FunctionName", "Runtime", "Handler", "MemorySize", "Timeout", "Role")}
        | {"Environment": fn["Environment"]["Variables"]},
        "invokeConfig": lam.get_function_event_invoke_config(
            FunctionName=function_name, **({"Qualifier": alias["Name"]} if alias else {}))
        if any(r["Type"] == "AWS::Lambda::EventInvokeConfig" for r in template["Resources"].values()) else None,
        "alias": {k: alias.get(k) for k in ("AliasArn", "Name", "FunctionVersion")} if alias else None,
        "versions": versions,
        "rolePolicies": policies,
        "queues": queues,
        "logGroups": {n: {"retentionInDays": g.get("retentionInDays"), "arn": g.get("arn")}
                      for n, g in groups.items()},
        "subscriptionFilters": subscriptions,
        "metricFilters": metric_filters,
        "alarms": {a["AlarmName"]: {k: a.get(k) for k in ("Namespace", "MetricName", "Dimensions", "Statistic",
                                                          "Threshold", "ComparisonOperator", "AlarmActions")}
                   for a in alarms},
        "secrets": [s["ARN"] for s in secrets],
        "secretArnInEnvironment": secret_arn,
        "secretValue": secret_value,
    }


def main(endpoint, template_path, stack_name, parameters_json, report_path):
    parameters = json.loads(parameters_json)
    template, packaged = package(template_path, endpoint)
    errors, warnings = lint(packaged)
    create_subscribed_groups(endpoint, template)
    deployed, secrets = create_secrets_first(endpoint, template, parameters)
    deployed, _ = split_after_stack(deployed)
    deployed, _ = defer_what_needs_unsupported(deployed)
    cfn = client("cloudformation", endpoint)
    cfn.create_stack(StackName=stack_name, TemplateBody=yaml.safe_dump(deployed, sort_keys=False),
                     Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])
    status = cfn.describe_stacks(StackName=stack_name)["Stacks"][0]["StackStatus"]
    if status != "CREATE_COMPLETE":
        raise SystemExit(f"stack {stack_name} is {status}")
    # moto lists one summary without a logical id (an EventBridge target); it is no resource of the template
    created = {r["LogicalResourceId"]: r["PhysicalResourceId"]
               for r in cfn.list_stack_resources(StackName=stack_name)["StackResourceSummaries"]
               if r["LogicalResourceId"] in template["Resources"]}
    skipped = [logical for logical in template["Resources"] if logical not in created and logical not in secrets]
    resolver = Resolver(endpoint, template, parameters, dict(created) | secrets)
    by_api = {logical: "service API" for logical in secrets}
    by_api |= create_skipped(endpoint, template, resolver, skipped)
    completed = complete_buckets(endpoint, template, resolver)
    function_logical = next(k for k, r in template["Resources"].items() if r["Type"] == "AWS::Lambda::Function")
    report = {"lintErrors": errors, "lintWarnings": warnings, "createdByCloudFormation": sorted(created),
              "createdByServiceApi": by_api, "physical": resolver.physical, "bucketPropertiesSetByApi": completed,
              "deletionPolicies": {k: r.get("DeletionPolicy") for k, r in template["Resources"].items()
                                   if "DeletionPolicy" in r}}
    report |= observe(endpoint, template, resolver.physical, function_logical)
    with open(report_path, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main(*sys.argv[1:6])
