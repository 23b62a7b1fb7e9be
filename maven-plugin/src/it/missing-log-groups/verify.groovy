// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/Missing required parameter medplum-logs.logGroups/$) : "build.log lacks: " + $/Missing required parameter medplum-logs.logGroups/$
assert log.contains($/-Dmedplum-logs.logGroups=/$) : "build.log lacks: " + $/-Dmedplum-logs.logGroups=/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
