import { inject } from '@angular/core';
import { MatIconRegistry } from '@angular/material/icon';
import { DomSanitizer } from '@angular/platform-browser';

// Material Symbols paths (Apache 2.0), inline: no icon font to fetch, nothing for the CSP to admit.
const ICONS: Readonly<Record<string, string>> = {
  menu: 'M3 18v-2h18v2zm0-5v-2h18v2zm0-5V6h18v2z',
  logout:
    'M5 21q-.825 0-1.412-.587T3 19V5q0-.825.588-1.412T5 3h7v2H5v14h7v2zm11-4-1.375-1.45 2.55-2.55H9v-2h8.175l-2.55-2.55L16 7l5 5z',
};

/** Registers the dashboard's few icons with MatIconRegistry (`<mat-icon svgIcon="menu">`). */
export function registerIcons(): void {
  const registry = inject(MatIconRegistry);
  const sanitizer = inject(DomSanitizer);
  for (const [name, path] of Object.entries(ICONS)) {
    registry.addSvgIconLiteral(
      name,
      sanitizer.bypassSecurityTrustHtml(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 -960 960 960"><path transform="translate(0 -960) scale(40)" d="${path}"/></svg>`,
      ),
    );
  }
}
