import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ReasonDialogData, ReasonDialogComponent } from './reason-dialog.component';

describe(ReasonDialogComponent.name, () => {
  const close = vi.fn();

  async function open(data: Partial<ReasonDialogData> = {}) {
    await TestBed.configureTestingModule({
      imports: [ReasonDialogComponent],
      providers: [
        {
          provide: MAT_DIALOG_DATA,
          useValue: { title: 'Revoke?', message: 'Sure?', confirmLabel: 'Revoke', ...data },
        },
        { provide: MatDialogRef, useValue: { close } },
      ],
    }).compileComponents();
    const fixture = TestBed.createComponent(ReasonDialogComponent);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const confirm = element.querySelector<HTMLButtonElement>('button.confirm')!;
    const type = async (text: string) => {
      const field = element.querySelector<HTMLTextAreaElement>('textarea')!;
      field.value = text;
      field.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { element, confirm, type };
  }

  beforeEach(() => close.mockReset());

  it('keeps the confirm button disabled until a reason of 3 characters is given', async () => {
    const { confirm, type } = await open();
    expect(confirm.disabled).toBe(true);
    await type('  no ');
    expect(confirm.disabled).toBe(true);
    await type('Left the company');
    expect(confirm.disabled).toBe(false);
  });

  it('closes with the trimmed reason', async () => {
    const { confirm, type } = await open();
    await type('  Left the company  ');
    confirm.click();
    expect(close).toHaveBeenCalledWith('Left the company');
  });

  it('refuses a reason over 500 characters', async () => {
    const { confirm, type } = await open();
    await type('x'.repeat(501));
    expect(confirm.disabled).toBe(true);
  });

  it('asks for no reason when told so', async () => {
    const { element, confirm } = await open({ requireReason: false });
    expect(element.querySelector('textarea')).toBeNull();
    expect(confirm.disabled).toBe(false);
  });
});
