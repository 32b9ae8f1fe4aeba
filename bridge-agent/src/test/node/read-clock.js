// Reads a ZK attendance clock over TCP with node-zklib (a client written by others, from npm) and
// writes what it saw as JSON to OUT_FILE, so a Java test can compare it with what the simulated
// clock holds. OUT_FILE rather than standard output: node-zklib prints "ok tcp" there itself.
//
// Usage: node read-clock.js NODE_MODULES_DIR HOST PORT OUT_FILE [all|log]
//   all (default): {"info":{userCounts,logCounts,logCapacity},
//                   "users":[{uid,role,userId,name,password,cardno}...],
//                   "records":["userSn,deviceUserId,yyyy-MM-ddTHH:mm:ss"...], "millis":N}
//   log: only the attendance log, for the benchmark: {"records":N,"millis":N}, where millis runs
//        from opening the socket to getAttendances' answer.
// Exit status 0 when read, 1 when node-zklib failed or reported an error, 2 for a wrong command line.
//
// node-zklib turns a record's packed time into a JS Date in the process's local zone; the Date's
// local fields are formatted back here, so the text is the clock's own wall time whatever TZ is
// (run with TZ=UTC all the same, so no daylight-saving gap can shift a time).
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const [modules, host, portText, outFile, mode = 'all'] = process.argv.slice(2);
const port = Number(portText);
if (!modules || !host || !Number.isInteger(port) || port < 1 || port > 65535 || !outFile
    || (mode !== 'all' && mode !== 'log')) {
  console.error(`usage: node read-clock.js NODE_MODULES_DIR HOST PORT OUT_FILE [all|log]`
    + ` (got: ${JSON.stringify(process.argv.slice(2))}; expected: a port from 1 to 65535 and mode all or log)`);
  process.exit(2);
}
const ZKLib = require(join(modules, 'node-zklib'));

const two = (n) => String(n).padStart(2, '0');
const wallTime = (date) => `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
  + `T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;

// getUsers and getAttendances resolve even when the transfer broke: the error comes in `err`.
const checked = (what, answer) => {
  if (answer.err) {
    throw new Error(`${what}: node-zklib reported ${answer.err.message || answer.err}`);
  }
  return answer.data;
};

async function main() {
  // 10 s per request; the last argument is the UDP fallback's local port, unused over TCP.
  const clock = new ZKLib(host, port, 10000, 0);
  const started = process.hrtime.bigint();
  await clock.createSocket();
  if (mode === 'log') {
    const records = checked('getAttendances', await clock.getAttendances());
    const millis = Number(process.hrtime.bigint() - started) / 1e6;
    await clock.disconnect();
    writeFileSync(outFile, JSON.stringify({ records: records.length, millis }));
    return;
  }
  const info = await clock.getInfo();
  const users = checked('getUsers', await clock.getUsers());
  const records = checked('getAttendances', await clock.getAttendances());
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  await clock.disconnect();
  writeFileSync(outFile, JSON.stringify({
    info,
    users: users.map(({ uid, role, userId, name, password, cardno }) => ({ uid, role, userId, name, password, cardno })),
    records: records.map((r) => `${r.userSn},${r.deviceUserId},${wallTime(r.recordTime)}`),
    millis,
  }));
}

main().then(
  () => process.exit(0),
  (err) => {
    // node-zklib rejects with its own ZKError (not an Error: no stack), which getError describes.
    const text = err && typeof err.getError === 'function' ? JSON.stringify(err.getError())
      : err && err.stack ? err.stack : JSON.stringify(err);
    console.error(`read-clock.js: ${host}:${port}: ${text}`);
    process.exit(1);
  });
