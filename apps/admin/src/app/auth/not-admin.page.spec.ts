import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';
import { NotAdminPage } from './not-admin.page';

describe(NotAdminPage.name, () => {
  it('tells the signed-in user they are not an admin, and who they are signed in as', async () => {
    TestBed.configureTestingModule({
      imports: [NotAdminPage],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    const fixture = TestBed.createComponent(NotAdminPage);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/me')
      .flush({ id: 'u1', email: 'bob@corp.example', role: 'user', sub: '3' });
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toContain('You are not an admin');
    expect(element.querySelector('#not-admin-message')?.textContent).toContain('bob@corp.example');
    expect(element.querySelector('#not-admin-message')?.textContent).toContain('user');
  });
});
