'use strict';
// Load client for the Socket.IO peer: the fan-out and latency scenarios of
// seneschal-bench with the same device counts, publishers, window and
// payload, against bench/peer/server.js started here as a child process (its
// CPU time is read from /proc like the Seneschal server's). Writes JSON in
// the shape seneschal-bench reads with --peer-json.
//
// Usage: node run.js [--devices 100,1000,5000] [--group-size 10] [--publishers 4]
//   [--group-publishers 50] [--window 16] [--payload 64] [--warmup 2] [--duration 8]
//   [--runs 3] [--latency-devices 100,1000] [--latency-load 0.5] [--port 17480]
//   [--quick] [--out FILE]
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { io } = require('socket.io-client');

const args = process.argv.slice(2);
function opt(name, fallback) {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
}
const quick = args.includes('--quick');
const o = {
  devices: opt('devices', quick ? '100,500' : '100,1000,5000').split(',').map(Number),
  groupSize: Number(opt('group-size', 10)),
  publishers: Number(opt('publishers', 4)),
  groupPublishers: Number(opt('group-publishers', 50)),
  window: Number(opt('window', 16)),
  payload: Number(opt('payload', 64)),
  warmup: Number(opt('warmup', quick ? 1 : 2)),
  duration: Number(opt('duration', quick ? 3 : 8)),
  runs: Number(opt('runs', quick ? 1 : 3)),
  latencyDevices: opt('latency-devices', quick ? '100,500' : '100,1000').split(',').map(Number),
  latencyLoad: Number(opt('latency-load', 0.5)),
  port: Number(opt('port', 17480)),
  concurrency: 200,
  out: opt('out', ''),
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const clk = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / clk;
}
function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}
function benchCpuSeconds() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function summary(samples) {
  if (samples.length === 0) return { count: 0 };
  const s = Float64Array.from(samples).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] / 1000;
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: s.length, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), p999Ms: at(0.999),
    maxMs: s[s.length - 1] / 1000, meanMs: sum / s.length / 1000,
  };
}

function median(values) {
  const v = values.filter((x) => x !== undefined && x !== null);
  if (v.length === 0) return undefined;
  if (typeof v[0] === 'number') {
    const s = [...v].sort((a, b) => a - b);
    const n = s.length;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
  if (typeof v[0] === 'object') {
    const out = {};
    for (const k of Object.keys(v[0])) out[k] = median(v.map((x) => x[k]));
    return out;
  }
  return v[0];
}

async function startServer() {
  const child = spawn(process.execPath, [path.join(__dirname, 'server.js'), String(o.port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('peer server did not start')), 10000);
    child.stdout.on('data', (d) => {
      if (String(d).includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`peer server exited ${code}`)));
  });
  return child;
}

async function stopServer(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(5000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

// One device: counts deliveries, records latency from the embedded sentUs,
// keeps a window of unacknowledged dispatches when it publishes.
class Device {
  constructor(cuid, room, latency) {
    this.cuid = cuid;
    this.room = room;
    this.latency = latency;
    this.received = 0;
    this.acked = 0;
    this.outstanding = 0;
    this.next = 0;
    this.sent = 0;
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = io(`ws://127.0.0.1:${o.port}`, {
        transports: ['websocket'], forceNew: true, reconnection: false,
        auth: { room: this.room, cuid: this.cuid },
      });
      this.socket.on('dispatch', (d) => {
        this.received += 1;
        if (this.latency.on) this.latency.samples.push(nowUs() - d.props.sentUs);
      });
      this.socket.once('connect', resolve);
      this.socket.once('connect_error', reject);
    });
  }

  send(oid, kind, payload, onAck) {
    this.outstanding += 1;
    this.sent += 1;
    const id = `${this.cuid}.${this.sent}`;
    this.socket.emit('dispatch', {
      id, oid, ts: Date.now(), kind, props: { sentUs: nowUs(), v: payload },
    }, () => {
      this.outstanding -= 1;
      this.acked += 1;
      onAck(this);
    });
  }

  close() {
    this.socket.close();
  }
}

async function connectAll(devices) {
  let next = 0;
  async function worker() {
    while (next < devices.length) {
      const d = devices[next++];
      await d.connect();
    }
  }
  await Promise.all(Array.from({ length: Math.min(o.concurrency, devices.length) }, worker));
}

function reading(server, devices) {
  let acked = 0;
  let received = 0;
  for (const d of devices) {
    acked += d.acked;
    received += d.received;
  }
  return { us: nowUs(), serverCpu: cpuSeconds(server.pid), benchCpu: benchCpuSeconds(), acked, received };
}

function rates(a, b) {
  const s = (b.us - a.us) / 1e6;
  const cpu = b.serverCpu - a.serverCpu;
  const delivered = b.received - a.received;
  return {
    seconds: s,
    committedPerS: (b.acked - a.acked) / s,
    deliveriesPerS: delivered / s,
    deliveriesPerServerCpuS: cpu > 0 ? delivered / cpu : 0,
    committedPerServerCpuS: cpu > 0 ? (b.acked - a.acked) / cpu : 0,
    serverCpuCores: cpu / s,
    benchCpuCores: (b.benchCpu - a.benchCpu) / s,
  };
}

function makeOids(prefix, n) {
  return Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
}

// variant "public": one room for all; "groups": rooms of groupSize devices.
// rate > 0: open loop at that many dispatches/s (latency); else windowed.
async function runOnce(variant, count, rate) {
  const server = await startServer();
  const latency = { on: false, samples: [] };
  const groups = variant === 'groups';
  const devices = [];
  for (let i = 0; i < count; i += 1) {
    devices.push(new Device(`d${i}`, groups ? `g${Math.floor(i / o.groupSize)}` : 'all', latency));
  }
  await connectAll(devices);
  const payload = 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(o.payload / 26)).slice(0, o.payload);
  const kind = groups ? 'list' : 'item';
  const pubs = [];
  if (groups) {
    const n = Math.min(Math.ceil(count / o.groupSize), o.groupPublishers);
    for (let g = 0; g < n; g += 1) pubs.push({ d: devices[g * o.groupSize], oids: makeOids(`g${g}`, 2 * o.window) });
  } else {
    const n = Math.min(count, o.publishers);
    const per = Math.max(2 * o.window, Math.floor(1000 / n));
    for (let p = 0; p < n; p += 1) pubs.push({ d: devices[p], oids: makeOids(`p${p}`, per) });
  }
  let running = true;
  const sendOne = (p) => {
    p.d.send(p.oids[p.d.next], kind, payload, onAck);
    p.d.next = (p.d.next + 1) % p.oids.length;
  };
  const byDevice = new Map(pubs.map((p) => [p.d, p]));
  function onAck(d) {
    if (!running || rate > 0) return;
    const p = byDevice.get(d);
    while (p && p.d.outstanding < o.window) sendOne(p);
  }
  let ticker = null;
  if (rate > 0) {
    const start = nowUs();
    let sent = 0;
    let rr = 0;
    ticker = setInterval(() => {
      const due = Math.floor((rate * (nowUs() - start)) / 1e6);
      while (sent < due) {
        sendOne(pubs[rr]);
        rr = (rr + 1) % pubs.length;
        sent += 1;
      }
      if (due - sent > rate) sent = due - rate;
    }, 1);
  } else {
    for (const p of pubs) while (p.d.outstanding < o.window) sendOne(p);
  }
  await sleep(o.warmup * 1000);
  latency.on = true;
  const a = reading(server, devices);
  await sleep(o.duration * 1000);
  const b = reading(server, devices);
  latency.on = false;
  running = false;
  if (ticker) clearInterval(ticker);
  const result = rates(a, b);
  const audience = groups ? o.groupSize : count;
  result.deliveryRatio = result.committedPerS > 0 ? result.deliveriesPerS / (result.committedPerS * (audience - 1)) : 0;
  result[rate > 0 ? 'latency' : 'latencyAtMaximum'] = summary(latency.samples);
  if (rate > 0) result.offeredPerS = rate;
  result.publishers = pubs.length;
  result.serverRssKiB = rssKiB(server.pid);
  result.loadAverage1m = os.loadavg()[0];
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && pubs.some((p) => p.d.outstanding > 0)) await sleep(20);
  for (const d of devices) d.close();
  await stopServer(server);
  await sleep(300);
  return result;
}

function brief(r) {
  const l = r.latency || r.latencyAtMaximum || {};
  return `committedPerS=${r.committedPerS.toFixed(1)} deliveriesPerS=${r.deliveriesPerS.toFixed(1)} ` +
    `deliveriesPerServerCpuS=${r.deliveriesPerServerCpuS.toFixed(1)} serverCpuCores=${r.serverCpuCores.toFixed(2)} ` +
    `benchCpuCores=${r.benchCpuCores.toFixed(2)} p50/p99/p999=${(l.p50Ms || 0).toFixed(2)}/${(l.p99Ms || 0).toFixed(2)}/${(l.p999Ms || 0).toFixed(2)} ms`;
}

async function measure(scenarios, name, params, once) {
  const runs = [];
  for (let r = 0; r < o.runs; r += 1) {
    process.stdout.write(`peer ${name} ${JSON.stringify(params)} run ${r + 1}/${o.runs}: `);
    try {
      const result = await once();
      console.log(brief(result));
      runs.push(result);
    } catch (e) {
      console.log(`FAILED: ${e.message}`);
    }
  }
  const m = { name, params, runs, median: median(runs) };
  scenarios.push(m);
  return m;
}

async function main() {
  const scenarios = [];
  const maximum = new Map(); // committed/s of the every-device variant, by devices
  for (const variant of ['public', 'groups']) {
    for (const count of o.devices) {
      if (variant === 'groups' && count < 2 * o.groupSize) continue;
      const params = { variant, devices: count, groupSize: variant === 'groups' ? o.groupSize : count, window: o.window, payloadBytes: o.payload };
      const m = await measure(scenarios, 'fanout', params, () => runOnce(variant, count, 0));
      if (variant === 'public' && m.median) maximum.set(count, m.median.committedPerS);
    }
  }
  for (const count of o.latencyDevices) {
    const rate = Math.max(1, Math.round(o.latencyLoad * (maximum.get(count) || 200)));
    await measure(scenarios, 'latency', { devices: count, offeredPerS: rate, payloadBytes: o.payload },
      () => runOnce('public', count, rate));
  }
  const socketIoVersion = require('socket.io/package.json').version;
  const doc = {
    peer: `socket.io ${socketIoVersion}`,
    node: process.version,
    date: new Date().toISOString(),
    machine: { cpuModel: os.cpus()[0].model, nproc: os.cpus().length, memTotalMiB: Math.round(os.totalmem() / 1048576) },
    options: o,
    scenarios,
  };
  if (o.out) {
    fs.mkdirSync(path.dirname(o.out), { recursive: true });
    fs.writeFileSync(`${o.out}.tmp`, JSON.stringify(doc, null, 2));
    fs.renameSync(`${o.out}.tmp`, o.out);
  }
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
