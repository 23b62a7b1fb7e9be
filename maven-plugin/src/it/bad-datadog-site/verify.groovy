// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/Unknown Datadog site 'datadoghq.org'/$) : "build.log lacks: " + $/Unknown Datadog site 'datadoghq.org'/$
assert log.contains($/datadoghq.eu/$) : "build.log lacks: " + $/datadoghq.eu/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
