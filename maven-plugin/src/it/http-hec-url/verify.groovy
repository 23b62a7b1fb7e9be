// bad input: the build fails, says what is wrong and how to fix it, and writes nothing
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/must be an https:// URL/$) : "build.log lacks: " + $/must be an https:// URL/$
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
