// Runs a Node.js Lambda handler the way the Lambda runtime does: load once (init), then one invocation per run of
// the event file (parsed per invocation, as the runtime does), callback- or promise-style. Marks go to stderr, one
// line each, for the parent to time; the handler's own console output goes to stdout (a file, as in Lambda).
// Args: handlerFile exportName eventFile invocations
'use strict';
const fs = require('fs');
const [, , handlerFile, exportName, eventFile, invocations] = process.argv;
const mark = (text) => process.stderr.write(`MARK ${text}\n`);
const handler = require(handlerFile)[exportName];
mark(`init ${performance.now().toFixed(1)}`);
const raw = fs.readFileSync(eventFile, 'utf8');

function invoke(event, context) {
  return new Promise((resolve, reject) => {
    const done = (err, out) => (err ? reject(err) : resolve(out));
    const returned = handler(event, context, done);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

(async () => {
  for (let i = 0; i < Number(invocations); i++) {
    const start = performance.now();
    const deadline = Date.now() + 120000;
    const context = {
      functionName: 'bench', functionVersion: '$LATEST', awsRequestId: `bench-${i}`, memoryLimitInMB: '1024',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bench', logGroupName: '/aws/lambda/bench',
      callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    let ok = true;
    try {
      await invoke(JSON.parse(raw), context);
    } catch (e) {
      ok = false;
      process.stderr.write(`handler error: ${e}\n`);
    }
    mark(`invoke ${i} ${(performance.now() - start).toFixed(2)} ${ok ? 'ok' : 'error'}`);
  }
  const status = fs.readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/);
  mark(`rss_kib ${status ? status[1] : -1}`);
})();
