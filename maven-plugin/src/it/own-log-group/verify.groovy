// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/'/aws/lambda/medplum-logs-sumologic'/$) : "build.log lacks: " + $/'/aws/lambda/medplum-logs-sumologic'/$
assert log.contains($/forwarder's own log group/$) : "build.log lacks: " + $/forwarder's own log group/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
