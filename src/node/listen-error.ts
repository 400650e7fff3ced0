import { ConfigError } from '../config/config';

/** Why a server could not listen, as the CLI and startMock both say it: `cannot listen on 127.0.0.1:9000: the port is already in use`. */
export function listenError(host: string, port: number, error: NodeJS.ErrnoException): ConfigError {
  const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : error.message;
  return new ConfigError(`cannot listen on ${host}:${port}: ${reason}`);
}
