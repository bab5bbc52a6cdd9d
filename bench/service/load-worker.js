// Open-loop HTTP load generator for bench-service.ts, run in a worker thread so that its
// timers do not share the server's event loop. Loopback only, bounded in count and time.
import { parentPort, workerData } from 'node:worker_threads';
import http from 'node:http';

const { port, path, method, headers, bodies, rate, seconds } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const total = Math.min(Math.round(rate * seconds), 100_000);
const interval = 1000 / rate;
const latencies = [];
let errors = 0;
let done = 0;
const statuses = {};
const start = performance.now();

function send(i) {
  const scheduled = start + i * interval;
  const body = bodies ? bodies[i % bodies.length] : undefined;
  const req = http.request({ host: '127.0.0.1', port, path, method, agent, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
    res.resume();
    res.on('end', () => {
      // Latency from when the request was due, so a slow server cannot hide its queue (no coordinated omission).
      latencies.push(performance.now() - scheduled);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode >= 400) errors++;
      finish();
    });
  });
  req.on('error', () => {
    errors++;
    finish();
  });
  if (body) req.write(body);
  req.end();
}

function finish() {
  done++;
  if (done === total) report();
}

function report() {
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? null;
  agent.destroy();
  parentPort.postMessage({ sent: total, completed: latencies.length, errors, statuses, seconds: elapsed, reqPerSec: latencies.length / elapsed, p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? null });
}

let next = 0;
const timer = setInterval(() => {
  const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
  while (next < due) send(next++);
  if (next >= total) clearInterval(timer);
}, 1);
setTimeout(() => {
  if (done < total) {
    errors += total - done;
    report();
    process.exit(0);
  }
}, (seconds + 20) * 1000).unref();
