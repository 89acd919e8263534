// Every <time data-local> on our public pages in the viewer's own time zone, labelled with it
// ("2 Dec 2026, 18:05 CET"). The server writes the same moment in UTC, labelled, as the fallback.
(function () {
  'use strict';
  const formats = {
    day: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }),
    // dateStyle/timeStyle cannot be combined with timeZoneName (the constructor throws): the
    // same fields spelled out.
    minute: new Intl.DateTimeFormat(undefined, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    }),
  };
  for (const element of document.querySelectorAll('time[data-local]')) {
    const moment = new Date(element.getAttribute('datetime'));
    const format = formats[element.dataset.local];
    if (!format || Number.isNaN(moment.getTime())) continue;
    element.textContent = format.format(moment);
    element.title = `${moment.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
})();
