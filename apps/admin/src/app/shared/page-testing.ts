// Shared by the page specs: the TestBed they run in and typing into a field.
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ReasonDialog } from './reason-dialog.service';

/** A TestBed with a testing HTTP backend, a router and `ask` as the reason dialog. */
export function configurePageTestBed(ask: ReasonDialog['ask']): HttpTestingController {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: ReasonDialog, useValue: { ask } },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

/** Types `value` into the field named `name`, as a user would. */
export function input(element: HTMLElement, name: string, value: string): void {
  const field = element.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`)!;
  field.value = value;
  field.dispatchEvent(new Event('input'));
}
