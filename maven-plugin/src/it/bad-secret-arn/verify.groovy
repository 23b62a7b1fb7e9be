// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/in medplum-logs.secretArn is not a Secrets Manager secret ARN/$) : "build.log lacks: " + $/in medplum-logs.secretArn is not a Secrets Manager secret ARN/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
