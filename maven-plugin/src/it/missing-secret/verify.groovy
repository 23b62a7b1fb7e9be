// no secretArn and no createSecret opt-in: the build fails and names both ways, with the Terraform state warning
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains($/Missing required parameter medplum-logs.secretArn/$) : "build.log lacks the missing secretArn"
assert log.contains($/-Dmedplum-logs.createSecret=true/$) : "build.log lacks the createSecret opt-in"
assert log.contains($/Terraform state/$) : "build.log lacks the Terraform state warning"
assert !new File(basedir, 'target/medplum-logs').exists() : 'output written despite bad input'
true
