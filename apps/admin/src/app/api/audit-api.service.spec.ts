import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { auditFilterOf } from '../features/audit/audit.page';
import { AuditApi } from './audit-api.service';

describe(AuditApi.name, () => {
  it('links the CSV export with the same filters as the list, not its order', () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    const api = TestBed.inject(AuditApi);
    const filter = auditFilterOf({
      actorKind: 'admin',
      actorId: '',
      action: 'offline_access.revoked',
      userId: '',
      from: '2026-01-01',
      to: '2026-01-31',
      order: 'asc',
    });
    expect(api.csvUrl(filter)).toBe(
      '/api/admin/audit.csv?actorKind=admin&action=offline_access.revoked&from=2026-01-01&to=2026-02-01',
    );
    expect(api.csvUrl({})).toBe('/api/admin/audit.csv');
  });
});
