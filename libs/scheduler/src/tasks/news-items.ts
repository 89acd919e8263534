/** A news item of the local source the news digest reads (no network). */
export interface NewsItem {
  readonly title: string;
  readonly summary: string;
  readonly url: string;
  readonly publishedOn: string;
}

/** The categories a user can pick on /account, with their items, newest first. */
export const NEWS: Readonly<Record<string, { label: string; items: readonly NewsItem[] }>> = {
  technology: {
    label: 'Technology',
    items: [
      {
        title: 'Passkeys pass one billion sign-ins a day',
        summary: 'Phishing-resistant sign-in is now the default on most large consumer sites.',
        url: 'https://news.example/technology/passkeys-billion',
        publishedOn: '2026-11-30',
      },
      {
        title: 'Node.js 24 becomes the active long-term release',
        summary: 'The new LTS brings a faster crypto layer and a stable permission model.',
        url: 'https://news.example/technology/node-24-lts',
        publishedOn: '2026-11-28',
      },
      {
        title: 'PostgreSQL 18 ships asynchronous I/O',
        summary: 'Sequential scans and vacuum run up to three times faster on cloud disks.',
        url: 'https://news.example/technology/postgres-18-aio',
        publishedOn: '2026-11-25',
      },
    ],
  },
  science: {
    label: 'Science',
    items: [
      {
        title: 'A new map of the Milky Way’s dark matter halo',
        summary: 'Gaia’s final data release pins the halo’s shape to within a few percent.',
        url: 'https://news.example/science/gaia-halo',
        publishedOn: '2026-11-29',
      },
      {
        title: 'Room-temperature battery chemistry doubles density',
        summary: 'A sodium-sulfur cell keeps 90% of its capacity after 2,000 cycles.',
        url: 'https://news.example/science/sodium-sulfur',
        publishedOn: '2026-11-27',
      },
    ],
  },
  business: {
    label: 'Business',
    items: [
      {
        title: 'Small shops move their checkout to open banking',
        summary: 'Card fees push one in five online sellers to account-to-account payments.',
        url: 'https://news.example/business/open-banking-checkout',
        publishedOn: '2026-11-30',
      },
      {
        title: 'Remote work settles at two office days a week',
        summary: 'A survey of 40,000 employers finds the hybrid week has stopped changing.',
        url: 'https://news.example/business/hybrid-week',
        publishedOn: '2026-11-26',
      },
    ],
  },
  sports: {
    label: 'Sports',
    items: [
      {
        title: 'Marathon record falls in Valencia',
        summary: 'A 2:00:12 finish takes 23 seconds off the world record.',
        url: 'https://news.example/sports/valencia-record',
        publishedOn: '2026-11-30',
      },
      {
        title: 'Women’s football league sells out its final',
        summary: 'Ninety thousand tickets went in under an hour.',
        url: 'https://news.example/sports/final-sold-out',
        publishedOn: '2026-11-24',
      },
    ],
  },
};

export const NEWS_CATEGORIES = Object.keys(NEWS);
