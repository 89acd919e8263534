import { runInNewContext } from 'node:vm';

export interface PostedMessage {
  to: 'parent' | 'opener';
  message: Record<string, unknown>;
  targetOrigin: string;
}

/**
 * Runs the inline script of an emulator page against a minimal fake DOM and returns what it
 * posted to `window.parent` / `window.opener`: the page's real JavaScript, minus a browser.
 */
export function runFrameScript(html: string): PostedMessage[] {
  const script = /<script>\n([\s\S]*?)\n<\/script>/.exec(html)?.[1] ?? '';
  const posted: PostedMessage[] = [];
  const target = (to: PostedMessage['to']) => ({
    postMessage: (message: Record<string, unknown>, targetOrigin: string) =>
      posted.push({ to, message, targetOrigin }),
  });
  const element = { addEventListener: () => undefined, scrollHeight: 120 };
  runInNewContext(script, {
    window: { parent: target('parent'), opener: target('opener'), close: () => undefined },
    document: {
      querySelector: () => element,
      documentElement: element,
      forms: [{ submit: () => undefined }],
    },
  });
  return posted;
}
