assert !new File(basedir, 'target/medplum-logs').exists()
true
