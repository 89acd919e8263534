import type { EmulatorClient } from './emulator.config.js';

/** The OAuth clients "registered in Google Cloud Console". */
export class ClientRegistry {
  constructor(private readonly clients: readonly EmulatorClient[]) {
    if (clients.length === 0) throw new Error('at least one OAuth client is required');
  }

  /** The first configured client: the default audience of minted tokens. */
  get defaultClient(): EmulatorClient {
    return this.clients[0];
  }

  find(clientId: string | undefined): EmulatorClient | undefined {
    return this.clients.find((client) => client.clientId === clientId);
  }

  // Google compares origins and redirect URIs exactly: no prefix, wildcard or trailing-slash
  // leniency (https://developers.google.com/identity/protocols/oauth2/web-server#uri-validation).
  allowsOrigin(client: EmulatorClient, origin: string | undefined): boolean {
    return origin !== undefined && client.javascriptOrigins.includes(origin);
  }

  allowsRedirectUri(client: EmulatorClient, uri: string | undefined): boolean {
    return uri !== undefined && client.redirectUris.includes(uri);
  }
}
