// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/Invalid log group name '/ecs/bad*group'/$) : "build.log lacks: " + $/Invalid log group name '/ecs/bad*group'/$
assert log.contains($/1-512 characters/$) : "build.log lacks: " + $/1-512 characters/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
