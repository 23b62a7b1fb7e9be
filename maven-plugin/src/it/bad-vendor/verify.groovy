// bad input: the build fails, says what is wrong and how to fix it, and writes nothing. The one bad-input IT: what
// only a real Maven run shows (failure, message in build.log, no output folder); each bad input and its message is a
// DeploymentFactoryTest case.
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/Unknown vendor 'newrelic'/$) : "build.log lacks: " + $/Unknown vendor 'newrelic'/$
assert log.contains($/Valid vendors: datadog, splunk, sumologic/$) : "build.log lacks: " + $/Valid vendors: datadog, splunk, sumologic/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
