/**
 * The words of /account's "Services using your Google access" section, in English and German
 * (part of `Messages`, under `services`). Functions taking `…Html` get ready, escaped HTML.
 */
export interface ServicesMessages {
  readonly heading: string;
  readonly lead: string;
  readonly empty: string;
  readonly team: (team: string) => string;
  readonly features: (featuresHtml: string) => string;
  readonly given: (count: number, whenHtml: string) => string;
  readonly neverGiven: string;
  readonly refused: (count: number) => string;
  readonly lastAsked: (whenHtml: string) => string;
  readonly blockedSince: (whenHtml: string) => string;
  readonly allowed: string;
  readonly block: string;
  readonly unblock: string;
  readonly confirmTitle: (nameHtml: string) => string;
  readonly confirmText: (nameHtml: string) => string;
  readonly keepAllowed: string;
  readonly confirmBlock: string;
  readonly failed: string;
  readonly fine: string;
}

export const servicesEn: ServicesMessages = {
  heading: 'Services using your Google access',
  lead: 'Other services can ask Grantkeeper for your Google access, each for a stated purpose, and every request is on the record. Block one to stop it without turning offline access off.',
  empty: 'No service has used or asked for your Google access yet. When one does, it appears here.',
  team: (team) => `run by ${team}`,
  features: (features) => `For: ${features}`,
  given: (count, when) =>
    `Given access ${count === 1 ? 'once' : `${count} times`}, last on ${when}.`,
  neverGiven: 'Never given access.',
  refused: (count) => (count === 1 ? '1 request refused.' : `${count} requests refused.`),
  lastAsked: (when) => `Last asked on ${when}.`,
  blockedSince: (when) => `<strong>Blocked</strong> since ${when}.`,
  allowed: 'Allowed',
  block: 'Block',
  unblock: 'Unblock',
  confirmTitle: (name) => `Block ${name}?`,
  confirmText: (name) =>
    `${name} will no longer get your Google access, so what it does for you with it stops. Your offline access stays on, and other services are not affected. You can unblock it at any time.`,
  keepAllowed: 'Keep it allowed',
  confirmBlock: 'Block',
  failed: 'That did not work. Please try again.',
  fine: 'A blocked service is told that you blocked it; it learns nothing else.',
};

export const servicesDe: ServicesMessages = {
  heading: 'Dienste, die Ihren Google-Zugriff nutzen',
  lead: 'Andere Dienste können Grantkeeper um Ihren Google-Zugriff bitten, jeweils für einen genannten Zweck, und jede Anfrage wird festgehalten. Sperren Sie einen Dienst, um ihn zu stoppen, ohne den Offline-Zugriff abzuschalten.',
  empty:
    'Noch kein Dienst hat Ihren Google-Zugriff genutzt oder angefragt. Sobald einer das tut, erscheint er hier.',
  team: (team) => `betrieben von ${team}`,
  features: (features) => `Für: ${features}`,
  given: (count, when) =>
    `${count === 1 ? 'Einmal' : `${count}-mal`} Zugriff erhalten, zuletzt am ${when}.`,
  neverGiven: 'Nie Zugriff erhalten.',
  refused: (count) => (count === 1 ? '1 Anfrage abgelehnt.' : `${count} Anfragen abgelehnt.`),
  lastAsked: (when) => `Zuletzt angefragt am ${when}.`,
  blockedSince: (when) => `<strong>Gesperrt</strong> seit ${when}.`,
  allowed: 'Erlaubt',
  block: 'Sperren',
  unblock: 'Entsperren',
  confirmTitle: (name) => `${name} sperren?`,
  confirmText: (name) =>
    `${name} erhält Ihren Google-Zugriff nicht mehr; was der Dienst damit für Sie tut, hört auf. Ihr Offline-Zugriff bleibt eingeschaltet, andere Dienste sind nicht betroffen. Sie können die Sperre jederzeit aufheben.`,
  keepAllowed: 'Erlaubt lassen',
  confirmBlock: 'Sperren',
  failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
  fine: 'Ein gesperrter Dienst erfährt, dass Sie ihn gesperrt haben, sonst nichts.',
};
