// Preloaded into Agents Playground by `npm start` (NODE_OPTIONS=--require): the Playground has no
// option for its address and listens on every interface, relaying to a bot whose authentication
// is off. A server started with no host listens on loopback instead.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  // listen(port[, backlog][, callback]) with no host: the same, on 127.0.0.1.
  if ((typeof args[0] === 'number' || typeof args[0] === 'string') && /^\d+$/.test(String(args[0])) && typeof args[1] !== 'string') {
    const port = Number(args[0]);
    const callback = args.find((a) => typeof a === 'function');
    return listen.call(this, { port, host: '127.0.0.1' }, callback);
  }
  if (args[0] && typeof args[0] === 'object' && !('fd' in args[0]) && !('path' in args[0]) && !('handle' in args[0]) && !args[0].host) {
    return listen.call(this, { ...args[0], host: '127.0.0.1' }, ...args.slice(1));
  }
  return listen.apply(this, args);
};
