import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/** The part of Google Identity Services (`google.accounts.id`) the sign-in page uses. */
export interface GoogleAccountsId {
  initialize(options: {
    client_id: string;
    callback: (response: { credential?: string }) => void;
    ux_mode?: 'popup';
    context?: 'signin';
    auto_select?: boolean;
  }): void;
  renderButton(parent: HTMLElement, options: Record<string, string | number>): void;
  disableAutoSelect?(): void;
}

interface GoogleWindow {
  google?: { accounts?: { id?: GoogleAccountsId } };
}

/**
 * Loads Google's client script (the emulator's in development) from the URL the api put in
 * index.html's `<meta name="gk-gsi-client">`. The api's CSP admits that origin for scripts and
 * frames, as it does for the public sign-in page.
 */
@Injectable({ providedIn: 'root' })
export class GisLoader {
  private readonly document = inject(DOCUMENT);
  private loading: Promise<GoogleAccountsId> | undefined;

  meta(name: string): string {
    const content = this.document.querySelector(`meta[name="${name}"]`)?.getAttribute('content');
    return content && !content.startsWith('__GK_') ? content : '';
  }

  load(): Promise<GoogleAccountsId> {
    this.loading ??= new Promise<GoogleAccountsId>((resolve, reject) => {
      const window = this.document.defaultView as (Window & GoogleWindow) | null;
      const loaded = () => window?.google?.accounts?.id;
      const ready = loaded();
      if (ready) return resolve(ready);
      const src = this.meta('gk-gsi-client');
      if (!src) return reject(new Error('The Google sign-in client is not configured.'));
      const script = this.document.createElement('script');
      script.src = src;
      script.async = true;
      script.onload = () => {
        const id = loaded();
        if (id) resolve(id);
        else reject(new Error('Google sign-in did not load.'));
      };
      script.onerror = () => reject(new Error('Google sign-in could not be loaded.'));
      this.document.head.appendChild(script);
    });
    return this.loading;
  }
}
