def log = new File(basedir, 'build.log').getText('UTF-8')
['medplum-logs.vendor', 'medplum-logs.logGroups', 'medplum-logs.splunk.hecUrl', 'memory (Default: 1024)',
 'timeout (Default: 120)'].each { assert log.contains(it) : "help lacks $it" }
true
