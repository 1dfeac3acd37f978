'use strict';
// The Socket.IO peer of the Seneschal benchmarks: what a team would build
// instead with Socket.IO. One room per audience (every device, or the devices
// of one user), connection-state recovery on (Socket.IO's in-memory answer to
// a spool: missed packets are replayed on a reconnect within two minutes),
// acks with a sequence number, and a broadcast frame shaped like Seneschal's
// (seq, oid, kind, parent, deleted, props, stamps) so both send the same
// bytes. Nothing is written to disk.
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 17480);
const httpServer = http.createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  maxHttpBufferSize: 16 * 1024 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
});

let seq = 0;
io.on('connection', (socket) => {
  const { room = 'all', cuid = socket.id } = socket.handshake.auth || {};
  if (!socket.recovered) socket.join(String(room));
  socket.on('dispatch', (d, ack) => {
    seq += 1;
    const stamps = {};
    for (const name of Object.keys(d.props || {})) stamps[name] = [d.ts, cuid];
    socket.to(String(room)).emit('dispatch', {
      seq, oid: d.oid, kind: d.kind || 'item', parent: null, deleted: false, props: d.props, stamps,
    });
    if (typeof ack === 'function') ack({ ids: [d.id], seq });
  });
});

httpServer.listen(port, '127.0.0.1', () => {
  console.log(`listening on 127.0.0.1:${port}`);
});
process.on('SIGTERM', () => {
  io.close();
  httpServer.close();
  process.exit(0);
});
